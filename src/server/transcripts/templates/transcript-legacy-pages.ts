/**
 * A legacy year (TT58/2011, or TT58 as amended by TT26/2020) in the secondary học bạ, in the
 * TT58 layout (FORMS.md §6.1): TBm by term and year with the subject teacher, the row "ĐTB các
 * môn", the confirmations; then học lực / hạnh kiểm by term, absences, re-assessment, the title,
 * promotion, the homeroom teacher's comment and the principal's approval.
 */
import type { BlockProps, PdfCell, PdfNode, TextNode } from '../../platform/pdf/engine/nodes.ts';
import type { TranscriptDocument, TranscriptPeriod, TranscriptYear } from '../transcript-document.ts';
import { type PlaceDate, contentWidth, GRID_LAYOUT, signatureRow } from '../../platform/pdf/layout.ts';
import { TT58_CONDUCT_NAMES, TT58_LEVEL_NAMES, TT58_OUTCOME_NAMES, labelOf, termLabel } from '../../../shared/labels.ts';
import { correctionTally, label, principalSigner, score, TITLES, yearHeader } from './transcript-pdf-parts.ts';

const cell = (text: string, extra: BlockProps = {}): TextNode => ({ text, style: 'td', ...extra });
const th = (text: string, extra: BlockProps = {}): TextNode => ({ text, style: 'th', ...extra });

const REGIME_NOTE: Record<string, string> = {
  TT58_2011: '(Đánh giá, xếp loại theo Thông tư số 58/2011/TT-BGDĐT)',
  TT58_TT26: '(Đánh giá, xếp loại theo Thông tư số 58/2011/TT-BGDĐT, sửa đổi bởi Thông tư số 26/2020/TT-BGDĐT)',
};

export function legacySubjectPage(d: TranscriptDocument, y: TranscriptYear): PdfNode[] {
  const w = contentWidth();
  const by = (p: TranscriptPeriod['period']) => y.periods.find((x) => x.period === p);
  const rows: PdfCell[][] = y.subjects.map((s) => [
    cell(s.name),
    cell(score(s.term1), { alignment: 'center' }),
    cell(score(s.term2), { alignment: 'center' }),
    cell(score(s.year), { alignment: 'center', bold: true }),
    cell(score(s.retest), { alignment: 'center' }),
    cell(s.teacher ?? ''),
  ]);
  rows.push([
    cell('ĐTB các môn', { bold: true }),
    cell(score(by('term1')?.overallAverage), { alignment: 'center', bold: true }),
    cell(score(by('term2')?.overallAverage), { alignment: 'center', bold: true }),
    cell(score(by('year')?.overallAverage), { alignment: 'center', bold: true }),
    cell(''),
    cell(''),
  ]);
  const table: PdfNode = {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: [w * 0.27, w * 0.1, w * 0.1, w * 0.1, w * 0.12, '*'],
      body: [[th('Môn học'), th('TBm HK I'), th('TBm HK II'), th('TBm Cả năm'), th('Điểm kiểm tra lại'), th('Giáo viên bộ môn (Ký và ghi rõ họ tên)')], ...rows],
    },
    layout: GRID_LAYOUT,
  };
  const signers = signatureRow(
    [
      { title: 'Xác nhận của Giáo viên chủ nhiệm', caption: '(Ký và ghi rõ họ tên)', name: y.class.homeroomTeacher },
      principalSigner(y, 'Xác nhận của Hiệu trưởng'),
    ],
    undefined,
    correctionTally(),
  );
  return [
    yearHeader(d, y),
    { text: REGIME_NOTE[y.regime] ?? '', fontSize: 10, italics: true, alignment: 'center', margin: [0, -4, 0, 6] },
    table,
    signers,
    { text: '', pageBreak: 'after' },
  ];
}

export function legacySummaryPage(d: TranscriptDocument, y: TranscriptYear, placeDate: PlaceDate): PdfNode[] {
  const w = contentWidth();
  const by = (p: TranscriptPeriod['period']) => y.periods.find((x) => x.period === p);
  const again = by('reassessed');
  const row = (name: string, p: TranscriptPeriod | undefined, absences: string, last: boolean): PdfCell[] => [
    cell(name, { bold: true }),
    cell(label(TT58_LEVEL_NAMES, p?.academic), { alignment: 'center' }),
    cell(label(TT58_CONDUCT_NAMES, p?.conduct), { alignment: 'center' }),
    cell(absences, { alignment: 'center' }),
    cell(last ? label(TT58_LEVEL_NAMES, again?.academic) : '', { alignment: 'center' }),
    cell(last ? label(TT58_CONDUCT_NAMES, again?.conduct) : '', { alignment: 'center' }),
  ];
  const abs = y.absences;
  const absText = abs.total === null ? '' : abs.excused !== null && abs.unexcused !== null ? `${abs.total} (P: ${abs.excused}, K: ${abs.unexcused})` : String(abs.total);
  const table: PdfNode = {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: [w * 0.14, w * 0.15, w * 0.15, w * 0.2, '*', '*'],
      body: [
        [th('Học kỳ'), th('Học lực'), th('Hạnh kiểm'), th('Tổng số buổi nghỉ'), th('Học lực sau kiểm tra lại'), th('Hạnh kiểm sau rèn luyện hè')],
        row(termLabel(1, 'kỳ'), by('term1'), '', false),
        row(termLabel(2, 'kỳ'), by('term2'), '', false),
        row('Cả năm', by('year'), absText, true),
      ],
    },
    layout: GRID_LAYOUT,
    margin: [0, 0, 0, 8],
  };
  const line = (t: string, v: string | null): PdfNode => ({ text: [{ text: `- ${t}: ` }, v ? { text: v, bold: true } : { text: '……………' }], fontSize: 11.5, margin: [0, 1.5, 0, 1.5] });
  const comment: PdfNode = {
    stack: [
      { text: 'NHẬN XÉT CỦA GIÁO VIÊN CHỦ NHIỆM', fontSize: 12, bold: true, alignment: 'center', margin: [0, 10, 0, 4] },
      { text: y.homeroomComment || '………………………………………………………………………………………………………………', fontSize: 11.5 },
    ],
  };
  return [
    yearHeader(d, y, 'Họ tên học sinh'),
    table,
    line('Danh hiệu', y.title ? (TITLES[y.title] ?? y.title) : null),
    line('Lên lớp / Ở lại lớp', y.outcome ? labelOf(TT58_OUTCOME_NAMES, y.outcome) : null),
    line('Có chứng chỉ nghề phổ thông', null),
    line('Được giải thưởng trong các kỳ thi', null),
    signatureRow(
      [
        { title: 'GIÁO VIÊN CHỦ NHIỆM', caption: '(Ký và ghi rõ họ tên)', name: y.class.homeroomTeacher },
        principalSigner(y, 'PHÊ DUYỆT CỦA HIỆU TRƯỞNG', true),
      ],
      placeDate,
      comment,
    ),
  ];
}
