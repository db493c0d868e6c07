/**
 * Importing the testing plan from Excel (G10): the file is read in a worker (testing-plan.worker.ts),
 * its classes ("6A1", or a grade: "Khối 6") and subjects (name or code) are found in the year,
 * then the rows are applied by setTestingPlan — all or nothing, each error naming its row and
 * column. Importing the same file again changes nothing.
 */
import type { TestingPlanChange } from '../../shared/testing-plan.ts';
import type { AuditContext } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { foldHeader } from '../platform/excel/excel-cells.ts';
import { type FieldError, invalid } from '../platform/errors.ts';
import { type PlanEntryInput, setTestingPlan } from './set-testing-plan.ts';
import { parsePlanWorkbook } from './testing-plan.worker.ts';

export async function importTestingPlan(options: { db: Db; year: Pick<Row<'school_years'>, 'id' | 'school_id'>; file: Buffer; audit: AuditContext }): Promise<TestingPlanChange> {
  const { db, year } = options;
  const parsed = await parsePlanWorkbook(options.file);
  if (!parsed.ok) {
    const fileLevel = parsed.errors.length === 1 && parsed.errors[0].row === 0;
    throw invalid(fileLevel ? `Không đọc được tệp: ${parsed.errors[0].message}` : `Tệp có ${parsed.errors.length} lỗi; chưa nhập ngày kiểm tra nào. Sửa các dòng được nêu rồi nhập lại.`, parsed.errors);
  }
  if (!parsed.rows.length) throw invalid('Tệp không có dòng kế hoạch kiểm tra nào.', [{ row: 0, field: 'tệp', message: 'không có dữ liệu' }]);

  const classes = await db.selectFrom('classes').select(['id', 'name', 'grade']).where('school_year_id', '=', year.id).execute();
  const subjects = await db.selectFrom('subjects').select(['id', 'name', 'code', 'grade']).where('school_year_id', '=', year.id).execute();
  const classByName = new Map(classes.map((c) => [foldHeader(c.name), c]));
  const errors: FieldError[] = [];
  const entries: PlanEntryInput[] = [];
  for (const r of parsed.rows) {
    const fail = (header: string, detail: string) => errors.push({ row: r.row, field: header, message: `Dòng ${r.row}, cột "${header}": ${detail}` });
    const folded = foldHeader(r.scope).replace(/^lop/, '');
    const gradeMatch = /^(?:khoi)?(\d{1,2})$/.exec(folded);
    const cls = gradeMatch ? undefined : classByName.get(folded);
    const grade = gradeMatch ? Number(gradeMatch[1]) : cls ? Number(cls.grade) : null;
    if (grade === null) {
      fail(parsed.headers.scope, `không có lớp "${r.scope}" trong năm học này (ghi tên lớp như 6A1, hoặc "Khối 6")`);
      continue;
    }
    const subjectKey = foldHeader(r.subject);
    const subject = subjects.find((s) => Number(s.grade) === grade && (foldHeader(s.name) === subjectKey || foldHeader(s.code) === subjectKey));
    if (!subject) {
      fail(parsed.headers.subject, `khối ${grade} không có môn "${r.subject}" trong năm học này`);
      continue;
    }
    entries.push({ classId: cls?.id ?? null, grade: cls ? null : grade, subjectId: subject.id, termNo: r.termNo, test: r.test, testOn: r.testOn, row: r.row });
  }
  if (errors.length) throw invalid(`Tệp có ${errors.length} lỗi; chưa nhập ngày kiểm tra nào. ${errors.map((e) => e.message).join('; ')}`, errors);
  return setTestingPlan({ db, year, entries, source: 'imported', headers: parsed.headers, audit: options.audit });
}
