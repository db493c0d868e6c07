import { Dashboard } from '../features/home/Dashboard.tsx';

export function HomePage() {
  return <Dashboard />;
}
