/**
 * A returning visit starts its reads while the server is still checking the session, instead of
 * one after another (session → years → the year's set-up and classes → the page's data): each
 * step costs a round trip, 150 ms and more on a school's network. The device remembers its school
 * and year (session.tsx); a grade-book address names its sheet. Reads the user may not make fail
 * quietly (prefetches keep no error) and the pages ask again.
 */
import type { QueryClient } from '@tanstack/react-query';
import { gradebookApi, setupApi } from '../api/endpoints.ts';
import { keys } from '../api/keys.ts';
import { savedSchoolAndYear } from './session.tsx';

export function warmStart(queryClient: QueryClient, pathname: string): void {
  const { schoolId, yearId } = savedSchoolAndYear();
  if (!schoolId) return;
  void queryClient.prefetchQuery({ queryKey: keys.years(schoolId), queryFn: () => setupApi.years(schoolId) });
  if (yearId) {
    void queryClient.prefetchQuery({ queryKey: keys.year(yearId), queryFn: () => setupApi.year(yearId) });
    void queryClient.prefetchQuery({ queryKey: keys.classes(yearId), queryFn: () => setupApi.classes(yearId) });
  }
  const sheet = /^\/so-diem\/([^/]+)\/([^/]+)\/([12])\/?$/.exec(pathname);
  if (sheet) {
    const [, classId, subjectId, term] = sheet;
    const termNo = Number(term);
    void queryClient.prefetchQuery({ queryKey: keys.sheet(classId, subjectId, termNo), queryFn: () => gradebookApi.sheet(classId, subjectId, termNo) });
  }
}
