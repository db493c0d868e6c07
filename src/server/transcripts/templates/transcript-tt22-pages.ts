/**
 * The two pages of one school year in the THCS/THPT học bạ (TT22/2021, FORMS.md §3.5–3.6):
 * A — subject results (HK I, HK II, Cả năm, after re-assessment, the subject teacher), the
 * correction tally and the two confirmations; B — KQRL/KQHT by term, absences, re-assessment,
 * promotion, awards, the homeroom teacher's comment and the signatures with the date.
 */
import { type BlockProps, type PdfCell, type PdfNode, type TextNode, SPANNED } from '../../platform/pdf/engine/nodes.ts';
import type { TranscriptDocument, TranscriptPeriod, TranscriptYear } from '../transcript-document.ts';
import { type PlaceDate, contentWidth, GRID_LAYOUT, signatureRow } from '../../platform/pdf/layout.ts';
import { TT22_LEVEL_NAMES, termLabel } from '../../../shared/labels.ts';
import { correctionTally, label, principalSigner, score, TITLES, yearHeader } from './transcript-pdf-parts.ts';

const cell = (text: string, extra: BlockProps = {}): TextNode => ({ text, style: 'td', ...extra });
const th = (text: string, extra: BlockProps = {}): TextNode => ({ text, style: 'th', ...extra });

export function finalGrade(grade: number): boolean {
  return grade === 9 || grade === 12;
}

/** Page A: the subject table. */
export function tt22SubjectPage(d: TranscriptDocument, y: TranscriptYear): PdfNode[] {
  const w = contentWidth();
  const widths: (number | '*')[] = [w * 0.25, w * 0.095, w * 0.095, w * 0.09, w * 0.13, '*'];
  const head: PdfCell[][] = [
    [
      th('Môn học/Hoạt động giáo dục', { rowSpan: 2, margin: [0, 12, 0, 0] }),
      th('Điểm trung bình môn học hoặc mức đánh giá', { colSpan: 3 }),
      SPANNED,
      SPANNED,
      th('Điểm trung bình môn học hoặc mức đánh giá sau đánh giá lại (nếu có)', { rowSpan: 2, fontSize: 8.5 }),
      th('Giáo viên môn học (Ký và ghi rõ họ tên)', { rowSpan: 2, margin: [0, 6, 0, 0] }),
    ],
    [SPANNED, th(termLabel(1)), th(termLabel(2)), th('Cả năm'), SPANNED, SPANNED],
  ];
  const rows: PdfCell[][] = y.subjects.map((s) => [
    cell(s.name),
    cell(score(s.term1), { alignment: 'center' }),
    cell(score(s.term2), { alignment: 'center' }),
    cell(score(s.year), { alignment: 'center', bold: true }),
    cell(score(s.retest), { alignment: 'center' }),
    cell(s.teacher ?? ''),
  ]);
  const table: PdfNode = { table: { headerRows: 2, dontBreakRows: true, widths, body: [...head, ...rows] }, layout: GRID_LAYOUT };
  const signers = signatureRow(
    [
      { title: 'Xác nhận của Giáo viên chủ nhiệm', caption: '(Ký và ghi rõ họ tên)', name: y.class.homeroomTeacher },
      principalSigner(y, 'Xác nhận của Hiệu trưởng'),
    ],
    undefined,
    correctionTally(),
  );
  return [yearHeader(d, y), table, signers, { text: '', pageBreak: 'after' }];
}

function periodRow(name: string, p: TranscriptPeriod | undefined, absences: string, again: TranscriptPeriod | undefined): PdfCell[] {
  return [
    cell(name, { bold: true }),
    cell(label(TT22_LEVEL_NAMES, p?.conduct), { alignment: 'center' }),
    cell(label(TT22_LEVEL_NAMES, p?.academic), { alignment: 'center' }),
    cell(absences, { alignment: 'center' }),
    cell(label(TT22_LEVEL_NAMES, again?.conduct), { alignment: 'center' }),
    cell(label(TT22_LEVEL_NAMES, again?.academic), { alignment: 'center' }),
  ];
}

function line(text: string, value: string | null, bold = true): PdfNode {
  return { text: [{ text: `- ${text}: ` }, value ? { text: value, bold } : { text: '……………' }], fontSize: 11.5, margin: [0, 1.5, 0, 1.5] };
}

/** Page B: the summary, promotion, comments and signatures. */
export function tt22SummaryPage(d: TranscriptDocument, y: TranscriptYear, placeDate: PlaceDate, levelWords: string): PdfNode[] {
  const w = contentWidth();
  const by = (p: TranscriptPeriod['period']) => y.periods.find((x) => x.period === p);
  const head: PdfCell[][] = [
    [
      th('Học kỳ', { rowSpan: 2, margin: [0, 10, 0, 0] }),
      th('Mức đánh giá', { colSpan: 2 }),
      SPANNED,
      th('Tổng số buổi nghỉ học cả năm học', { rowSpan: 2 }),
      th('Mức đánh giá lại sau khi rèn luyện trong kỳ nghỉ hè; kiểm tra, đánh giá lại', { colSpan: 2, fontSize: 9 }),
      SPANNED,
    ],
    [SPANNED, th('Kết quả rèn luyện'), th('Kết quả học tập'), SPANNED, th('Kết quả rèn luyện'), th('Kết quả học tập')],
  ];
  const total = y.absences.total === null ? '' : String(y.absences.total);
  const table: PdfNode = {
    table: {
      headerRows: 2,
      dontBreakRows: true,
      widths: [w * 0.14, w * 0.15, w * 0.15, w * 0.16, '*', '*'],
      body: [...head, periodRow(termLabel(1), by('term1'), '', undefined), periodRow(termLabel(2), by('term2'), '', undefined), periodRow('Cả năm', by('year'), total, by('reassessed'))],
    },
    layout: GRID_LAYOUT,
    margin: [0, 0, 0, 8],
  };
  const o = y.outcome;
  const promoted = o === 'promoted' ? 'Có' : null;
  const after = o === 'promotedAfterReassessment' ? 'Có' : null;
  const notPromoted = o === 'retained' ? 'Có' : o === 'retest' || o === 'summerTraining' ? 'Chờ kiểm tra, đánh giá lại' : null;
  const lines: PdfNode[] = [
    line('Được lên lớp', finalGrade(y.class.grade) ? null : promoted),
    line('Được lên lớp sau khi kiểm tra, đánh giá lại môn học hoặc rèn luyện trong kỳ nghỉ hè', finalGrade(y.class.grade) ? null : after),
    line('Không được lên lớp', finalGrade(y.class.grade) ? null : notPromoted),
  ];
  if (finalGrade(y.class.grade)) {
    const done = o === 'promoted' || o === 'promotedAfterReassessment' ? 'Hoàn thành' : o === 'retained' ? 'Không hoàn thành' : null;
    lines.push({ text: [{ text: `- Nếu là lớp cuối cấp thì ghi Hoàn thành hay không hoàn thành chương trình ${levelWords}: ` }, { text: done ?? '……………', bold: true }], fontSize: 11.5, margin: [0, 1.5, 0, 1.5] });
  }
  if (y.retestSubjects.length) {
    const names = y.subjects.filter((s) => y.retestSubjects.includes(s.code)).map((s) => s.name);
    lines.push(line('Môn học kiểm tra, đánh giá lại', names.join(', '), false));
  }
  lines.push(line('Chứng chỉ (nếu có)', null), line('Kết quả tham gia các cuộc thi (nếu có)', null), line('Khen thưởng (nếu có)', y.title ? (TITLES[y.title] ?? y.title) : null));
  const comment: PdfNode = {
    stack: [
      { text: 'NHẬN XÉT CỦA GIÁO VIÊN CHỦ NHIỆM', fontSize: 12, bold: true, alignment: 'center', margin: [0, 10, 0, 2] },
      { text: '(Ghi nhận xét về kết quả rèn luyện và học tập, những vấn đề cần quan tâm giúp đỡ thêm trong rèn luyện và học tập của học sinh)', fontSize: 9.5, italics: true, alignment: 'center', margin: [0, 0, 0, 4] },
      { text: y.homeroomComment || '………………………………………………………………………………………………………………', fontSize: 11.5, margin: [0, 0, 0, 2] },
    ],
  };
  const signers = signatureRow(
    [
      { title: 'GIÁO VIÊN CHỦ NHIỆM', caption: '(Ký và ghi rõ họ tên)', name: y.class.homeroomTeacher },
      principalSigner(y, 'PHÊ DUYỆT CỦA HIỆU TRƯỞNG', true),
    ],
    placeDate,
    comment,
  );
  return [yearHeader(d, y, 'Họ tên học sinh'), table, ...lines, signers];
}
