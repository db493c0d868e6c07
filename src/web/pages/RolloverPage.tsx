export function RolloverPage() { return null; }
