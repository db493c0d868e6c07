import { useQuery } from '@tanstack/react-query';
import { gradebookApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { Term } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { todayIso } from '../../lib/format.ts';

export function useSheet(classId: string, subjectId: string, termNo: number) {
  return useQuery({
    queryKey: keys.sheet(classId, subjectId, termNo),
    queryFn: () => gradebookApi.sheet(classId, subjectId, termNo),
    staleTime: 0,
  });
}

/** The term that contains today (term 2 once it started), else term 1. */
export function currentTermNo(terms: Term[] | undefined): 1 | 2 {
  const t2 = terms?.find((t) => t.termNo === 2);
  return t2 && todayIso() >= t2.startsOn ? 2 : 1;
}

/** Who reads every class of the school (leadership, admin board, clerk) rather than only their own. */
export function useSchoolWideReader(): boolean {
  const { can } = useSession();
  return can('classBook.view') || can('progress.view');
}
