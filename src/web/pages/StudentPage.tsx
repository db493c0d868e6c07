export function StudentPage() { return null; }
