import { useQuery } from '@tanstack/react-query';
import { setupApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import { useSession } from '../../app/session.tsx';

export function useClasses(yearId: string | null | undefined) {
  return useQuery({ queryKey: keys.classes(yearId ?? ''), queryFn: () => setupApi.classes(yearId as string), enabled: Boolean(yearId) });
}

/** School-wide ability, or (for a homeroom teacher) the ability on their own class. */
export function useClassAbility() {
  const { can, me } = useSession();
  return (action: 'classList.reorder' | 'student.edit' | 'student.create' | 'student.import' | 'enrollment.manage', classId?: string) =>
    can(action) || (classId !== undefined && me.homeroomClassIds.includes(classId) && action !== 'enrollment.manage' && can('class.view'));
}
