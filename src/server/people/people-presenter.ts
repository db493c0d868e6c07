/** Class lists and student records as the reader may see them (Q4, src/domain/policies/student-fields.ts). */
import { type StudentFieldView, studentForView } from '../../domain/policies/student-fields.ts';
import type { loadClassList, loadStudentDetail } from './student-queries.ts';

export function presentClassList(list: Awaited<ReturnType<typeof loadClassList>>, view: StudentFieldView) {
  return { ...list, entries: list.entries.map((e) => ({ ...e, student: studentForView(e.student, view) })) };
}

export function presentStudentDetail(detail: Awaited<ReturnType<typeof loadStudentDetail>>, view: StudentFieldView) {
  return { ...detail, student: studentForView(detail.student, view) };
}
