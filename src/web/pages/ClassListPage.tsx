export function ClassListPage() { return null; }
