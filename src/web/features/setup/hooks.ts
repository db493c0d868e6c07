import { useQuery } from '@tanstack/react-query';
import { setupApi, staffApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { Staff } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';

export function useYearSetup(yearId: string) {
  return useQuery({ queryKey: keys.year(yearId), queryFn: () => setupApi.year(yearId) });
}

export function useStaffList() {
  const { schoolId, can } = useSession();
  return useQuery({ queryKey: keys.staff(schoolId), queryFn: () => staffApi.list(schoolId), enabled: can('staff.view') });
}

/** Options for a teacher picker: active staff, by name. */
export function staffOptions(staff: Staff[] | undefined, keepId?: string | null): { value: string; label: string }[] {
  return (staff ?? [])
    .filter((s) => s.active || s.id === keepId)
    .map((s) => ({ value: s.id, label: s.fullName }))
    .sort((a, b) => a.label.localeCompare(b.label, 'vi'));
}
