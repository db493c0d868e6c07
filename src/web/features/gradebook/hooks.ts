import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { gradebookApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { Term } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { todayIso } from '../../lib/format.ts';

export function useSheet(classId: string, subjectId: string, termNo: number) {
  return useQuery({
    queryKey: keys.sheet(classId, subjectId, termNo),
    queryFn: () => gradebookApi.sheet(classId, subjectId, termNo),
    // Fresh when opened: asked again unless usePrefetchSheet fetched it for this very opening.
    staleTime: 5_000,
  });
}

/**
 * A sheet opened from its address starts loading at once, in parallel with the year's set-up and
 * class list that the page needs first, instead of after them (one round trip less on a slow link).
 */
export function usePrefetchSheet(pick: { classId: string; subjectId: string; termNo: number } | null): void {
  const queryClient = useQueryClient();
  const { classId, subjectId, termNo } = pick ?? {};
  useEffect(() => {
    if (!classId || !subjectId || !termNo) return;
    void queryClient.prefetchQuery({ queryKey: keys.sheet(classId, subjectId, termNo), queryFn: () => gradebookApi.sheet(classId, subjectId, termNo) });
  }, [queryClient, classId, subjectId, termNo]);
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
