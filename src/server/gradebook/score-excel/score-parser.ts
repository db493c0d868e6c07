/**
 * Score sheets in Excel: the parser, for our export and for the score sheets of vnEdu / SMAS
 * (shared/domain/EXCHANGE.md §2.2). Rows are matched to students by the hidden id, else by the
 * MOET code, else by full name + date of birth (two students alike → error). An EMPTY cell
 * means "no change"; the text "xóa" clears a cell. Every problem is reported with the Excel row
 * and the column header as written; nothing throws.
 */
import type ExcelJS from 'exceljs';
import { FILE_FIELD, HEADER_SEARCH_ROWS, type Positioned, dateFromContent, displayDate, inSheetOrder, showValue, usesDate1904 } from '../../platform/excel/excel-cells.ts';
import { type GradeRef, type IdField, cellText, findTable } from './score-headers.ts';
import {
  MAX_SCORE_ROWS,
  META_FORMAT,
  META_SHEET,
  type ScoreWorkbookChange,
  type ScoreWorkbookError,
  type ScoreWorkbookResult,
  type ScoreWorkbookRow,
  type ScoreWorkbookSheet,
} from './score-sheet.ts';
import { parseGrade, readScoreCell } from './score-values.ts';

/** A name as compared: NFC, one space between words, lower case (accents kept: Ân ≠ An). */
function nameKey(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');
}

export function fileError(message: string): ScoreWorkbookResult {
  return { ok: false, errors: [{ row: 0, field: FILE_FIELD, message }] };
}

/** The class, subject and term our export was made for (null for other files). */
function readMeta(workbook: ExcelJS.Workbook): Record<string, string> | null {
  const meta = workbook.getWorksheet(META_SHEET);
  if (!meta) return null;
  const out: Record<string, string> = {};
  meta.eachRow((row) => {
    const k = cellText(row.getCell(1));
    if (k) out[k] = cellText(row.getCell(2));
  });
  return out.format === META_FORMAT ? out : null;
}

const TERM_LABEL = (n: number | string) => (String(n) === '1' ? 'học kỳ I' : String(n) === '2' ? 'học kỳ II' : `học kỳ ${n}`);

/** The loaded workbook against the sheet (in the worker thread: score-sheet.worker.ts). */
export function readScoreWorkbook(workbook: ExcelJS.Workbook, sheet: ScoreWorkbookSheet): ScoreWorkbookResult {
  if (workbook.worksheets.length === 0) return fileError('Tệp không có trang tính nào: có thể đây không phải là tệp Excel .xlsx.');
  const meta = readMeta(workbook);
  if (meta && (meta.classId !== sheet.classId || meta.subjectId !== sheet.subject.id || meta.termNo !== String(sheet.termNo))) {
    return fileError(
      `Tệp này là bảng điểm môn ${meta.subjectName ?? '?'} lớp ${meta.className ?? '?'} ${TERM_LABEL(meta.termNo)}, không phải môn ${sheet.subject.name} lớp ${sheet.className} ${TERM_LABEL(sheet.termNo)}: hãy tải lên đúng sổ, hoặc xuất lại bảng điểm của sổ này.`,
    );
  }
  const date1904 = usesDate1904(workbook);
  const table = findTable(workbook, sheet.columns);
  if (!table) {
    return fileError(`Không tìm thấy dòng tiêu đề trong ${HEADER_SEARCH_ROWS} dòng đầu của các trang tính: cần có cột "Họ và tên" cùng các cột đánh giá (ĐĐGtx 1, ĐĐGgk, ĐĐGck…).`);
  }
  const { ids } = table;
  if (table.grades.length === 0) {
    return fileError(`Dòng ${table.headerRow} (trang "${table.sheet.name}"): không có cột đánh giá nào của môn ${sheet.subject.name} (cần ${sheet.columns.map((c) => `"${c.label}"`).join(', ')}).`);
  }
  if (!ids.has('internalId') && !ids.has('studentCode') && !ids.has('dateOfBirth')) {
    return fileError(`Dòng ${table.headerRow}: cần cột "Mã định danh Bộ GD&ĐT" hoặc cột "Ngày sinh" để nhận đúng học sinh (họ tên có thể trùng nhau).`);
  }
  const seenKeys = new Map<string, GradeRef>();
  const fileErrors: ScoreWorkbookError[] = [];
  for (const g of table.grades) {
    const first = seenKeys.get(g.key);
    if (first) fileErrors.push({ row: table.headerRow, field: g.header, message: `Dòng ${table.headerRow}: cột "${g.header}" trùng với cột "${first.header}"` });
    else seenKeys.set(g.key, g);
  }
  if (fileErrors.length) return { ok: false, errors: fileErrors };

  const byId = new Map(sheet.rows.map((r) => [r.studentId, r]));
  const byCode = new Map<string, ScoreWorkbookRow[]>();
  const byNameDob = new Map<string, ScoreWorkbookRow[]>();
  for (const r of sheet.rows) {
    if (r.studentCode) byCode.set(r.studentCode, [...(byCode.get(r.studentCode) ?? []), r]);
    const k = `${nameKey(r.fullName)}|${r.dateOfBirth}`;
    byNameDob.set(k, [...(byNameDob.get(k) ?? []), r]);
  }
  const kinds = new Map(sheet.columns.map((c) => [c.key, c.kind]));

  const errors: Positioned<ScoreWorkbookError>[] = [];
  const changes: ScoreWorkbookChange[] = [];
  const matchedAt = new Map<string, number>();
  const add = (row: number, col: number, header: string, detail: string) => errors.push({ row, col, field: header, message: `Dòng ${row}, cột "${header}": ${detail}` });
  const relevant = [...ids.values()].map((v) => v.col).concat(table.grades.map((g) => g.col), table.extra.map((g) => g.col));

  const lastRow = table.sheet.rowCount;
  if (lastRow - table.firstDataRow + 1 > MAX_SCORE_ROWS * 2) return fileError(`Tệp có quá nhiều dòng (hơn ${MAX_SCORE_ROWS}): hãy dùng bảng điểm của một lớp.`);
  for (let r = table.firstDataRow; r <= lastRow; r++) {
    const row = table.sheet.getRow(r);
    if (relevant.every((c) => readScoreCell(row.getCell(c)).kind === 'empty')) continue;
    const get = (f: IdField) => {
      const ref = ids.get(f);
      return ref ? { ...ref, content: readScoreCell(row.getCell(ref.col)) } : null;
    };
    const values = table.grades.map((g) => ({ g, content: readScoreCell(row.getCell(g.col)) })).filter((v) => v.content.kind !== 'empty');
    const extras = table.extra.map((g) => ({ g, content: readScoreCell(row.getCell(g.col)) })).filter((v) => v.content.kind !== 'empty');

    // Which student: our id, else the MOET code, else full name + date of birth.
    const internal = get('internalId');
    const code = get('studentCode');
    const name = get('fullName');
    const dob = get('dateOfBirth');
    const fileName = name && name.content.kind === 'text' ? name.content.text.replace(/\s*\(đã chuyển đi\)$/, '') : '';
    const where = (ref: { col: number; header: string } | null | undefined) => ref ?? { col: 0, header: name?.header ?? 'Họ và tên' };
    let student: ScoreWorkbookRow | undefined;
    let failed = false;
    const internalText = internal ? showValue(internal.content) : '';
    const codeText = code ? showValue(code.content).replace(/[\s.'’]/g, '') : '';
    if (internalText) {
      student = byId.get(internalText);
      if (!student) {
        add(r, internal!.col, internal!.header, `mã "${internalText}" không phải của học sinh nào trong lớp ${sheet.className}; tệp có thể là của lớp khác`);
        failed = true;
      }
    } else if (codeText && byCode.get(codeText)?.length === 1) {
      student = byCode.get(codeText)![0];
    }
    if (!student && !failed) {
      const dobIso = dob ? dateFromContent(dob.content, date1904) : null;
      if (!fileName) {
        if (values.length) add(r, where(name).col, where(name).header, 'chưa có họ tên học sinh');
        failed = true;
      } else if (!dob) {
        if (values.length) add(r, where(code).col, where(code).header, `không tìm thấy học sinh có mã "${codeText}" trong lớp ${sheet.className}`);
        failed = true;
      } else if (!dobIso) {
        if (values.length) add(r, dob.col, dob.header, `"${showValue(dob.content)}" không phải là ngày sinh hợp lệ (dd/mm/yyyy)`);
        failed = true;
      } else {
        const found = byNameDob.get(`${nameKey(fileName)}|${dobIso}`) ?? [];
        if (found.length === 1) student = found[0];
        else if (found.length > 1) {
          add(r, where(name).col, where(name).header, `có ${found.length} học sinh tên "${fileName}" sinh ngày ${displayDate(dobIso)} trong lớp; hãy ghi mã định danh Bộ GD&ĐT để phân biệt`);
          failed = true;
        } else {
          if (values.length) add(r, where(name).col, where(name).header, `không tìm thấy học sinh "${fileName}" sinh ngày ${displayDate(dobIso)} trong lớp ${sheet.className}`);
          failed = true;
        }
      }
    }
    if (!student || failed) continue;
    // The row must not have been scrambled: the name written next to an id is that student's.
    if (fileName && (internalText || codeText) && nameKey(fileName) !== nameKey(student.fullName)) {
      add(r, where(name).col, where(name).header, `họ tên "${fileName}" không khớp với học sinh có mã này (${student.fullName}); các cột có thể đã bị xếp lệch nhau`);
      continue;
    }
    const first = matchedAt.get(student.studentId);
    if (first !== undefined) {
      add(r, where(name).col, where(name).header, `học sinh ${student.fullName} đã có ở dòng ${first}`);
      continue;
    }
    matchedAt.set(student.studentId, r);
    for (const { g } of extras) add(r, g.col, g.header, `môn ${sheet.subject.name} không có cột này trong ${TERM_LABEL(sheet.termNo)}; hãy để trống`);
    if (values.length && !student.active) {
      add(r, where(name).col, where(name).header, `học sinh ${student.fullName} đã chuyển đi hoặc thôi học, không nhập điểm được; hãy để trống dòng này`);
      continue;
    }
    for (const { g, content } of values) {
      const parsed = parseGrade(kinds.get(g.key)!, content);
      if (!parsed) continue;
      if (!parsed.ok) add(r, g.col, g.header, parsed.detail);
      else changes.push({ studentId: student.studentId, columnKey: g.key, value: parsed.value, cell: parsed.cell, row: r });
    }
    if (changes.length > MAX_SCORE_ROWS * 20) return fileError('Tệp có quá nhiều ô điểm: hãy dùng bảng điểm của một lớp.');
  }
  if (errors.length) {
    return { ok: false, errors: inSheetOrder(errors) };
  }
  return { ok: true, changes };
}
