/**
 * One school year of the học bạ tiểu học (TT27/2020, FORMS.md §4.2): the header with absences,
 * 1. subjects and activities (level T/H/C, the periodic test score, the comment), 2. qualities,
 * 3. competences (general, specific), 4. the education result, 5. the award, 6. completion, and
 * the signatures (Hiệu trưởng left, Giáo viên chủ nhiệm right).
 */
import { type BlockProps, type PdfCell, type PdfNode, type TextNode, SPANNED } from '../../platform/pdf/engine/nodes.ts';
import type { TranscriptDocument, TranscriptTrait, TranscriptYear } from '../transcript-document.ts';
import { type PlaceDate, contentWidth, GRID_LAYOUT, signatureRow } from '../../platform/pdf/layout.ts';
import { TRANSCRIPT_TT27_AWARD_NAMES, TT27_YEAR_LEVEL_NAMES, labelOf } from '../../../shared/labels.ts';
import { fieldRow, principalSigner, score, yearHeader } from './transcript-pdf-parts.ts';

const cell = (text: string, extra: BlockProps = {}): TextNode => ({ text, style: 'td', ...extra });
const th = (text: string, extra: BlockProps = {}): TextNode => ({ text, style: 'th', ...extra });


/** TT27 periodic test scores are whole numbers (RULES §2.2): "9.0" prints "9"; anything else as the canonical value says. */
function testScore(value: string | null): string {
  return value && /^\d{1,2}\.0$/.test(value) ? value.slice(0, -2) : score(value);
}

function section(text: string): PdfNode {
  return { text, fontSize: 12, bold: true, margin: [0, 8, 0, 3] };
}

function traitTable(rows: TranscriptTrait[], firstHeader: string): PdfNode {
  const w = contentWidth();
  const body: PdfCell[][] = [[th(firstHeader), th('Mức đạt được'), th('Nhận xét')]];
  rows.forEach((t, i) => body.push([cell(t.name), cell(t.level ?? '', { alignment: 'center' }), i === 0 ? cell('', { rowSpan: rows.length }) : SPANNED]));
  return { table: { headerRows: 1, dontBreakRows: true, widths: [w * 0.4, w * 0.16, '*'], body }, layout: GRID_LAYOUT };
}

export function primaryYearPages(d: TranscriptDocument, y: TranscriptYear, placeDate: PlaceDate): PdfNode[] {
  const w = contentWidth();
  const p = y.primary;
  const subjects: PdfCell[][] = [[th('Môn học và hoạt động giáo dục'), th('Mức đạt được'), th('Điểm KTĐK'), th('Nhận xét')]];
  y.subjects.forEach((s, i) =>
    subjects.push([
      cell(s.name),
      cell(s.year ?? '', { alignment: 'center', bold: true }),
      cell(testScore(s.test), { alignment: 'center' }),
      i === 0 ? cell(y.homeroomComment, { rowSpan: y.subjects.length }) : SPANNED,
    ]),
  );
  const traits = p?.traits ?? [];
  const abs = (n: number | null) => (n === null ? null : String(n));
  const completion = y.outcome === 'completed' ? (y.class.grade === 5 ? 'Hoàn thành chương trình tiểu học' : `Hoàn thành chương trình lớp ${y.class.grade}`) : y.outcome === 'notCompleted' ? 'Chưa hoàn thành' : null;
  const value = (t: string, v: string | null): PdfNode => ({ text: [{ text: t, bold: true }, { text: ` ${v ?? '……………………'}` }], fontSize: 12, margin: [0, 6, 0, 0] });
  return [
    yearHeader(d, y, 'Họ và tên học sinh'),
    fieldRow([['Chiều cao', ''], ['Cân nặng', '']], [w * 0.5, w * 0.5]),
    fieldRow([['Số ngày nghỉ có phép', abs(y.absences.excused)], ['Số ngày nghỉ không phép', abs(y.absences.unexcused)]], [w * 0.5, w * 0.5]),
    section('1. Các môn học và hoạt động giáo dục'),
    { table: { headerRows: 1, dontBreakRows: true, widths: [w * 0.34, w * 0.14, w * 0.15, '*'], body: subjects }, layout: GRID_LAYOUT },
    section('2. Những phẩm chất chủ yếu'),
    traitTable(traits.filter((t) => t.group === 'quality'), 'Phẩm chất'),
    { text: '', pageBreak: 'after' },
    yearHeader(d, y, 'Họ và tên học sinh'),
    section('3. Những năng lực cốt lõi'),
    { text: '3.1. Những năng lực chung', fontSize: 11.5, italics: true, margin: [0, 0, 0, 2] },
    traitTable(traits.filter((t) => t.group === 'general'), 'Năng lực'),
    ...(traits.some((t) => t.group === 'specific')
      ? [{ text: '3.2. Những năng lực đặc thù', fontSize: 11.5, italics: true, margin: [0, 6, 0, 2] } satisfies PdfNode, traitTable(traits.filter((t) => t.group === 'specific'), 'Năng lực')]
      : []),
    value('4. Đánh giá kết quả giáo dục:', p?.educationLevel ? labelOf(TT27_YEAR_LEVEL_NAMES, p.educationLevel) : null),
    value('5. Khen thưởng:', p?.award ? labelOf(TRANSCRIPT_TT27_AWARD_NAMES, p.award) : null),
    // the label is long (the form's wording): the value goes on its own line rather than wrapping under it
    { text: '6. Hoàn thành chương trình lớp học/chương trình tiểu học:', bold: true, fontSize: 12, margin: [0, 6, 0, 0] },
    { text: completion ?? '……………………………………', fontSize: 12, margin: [18, 2, 0, 0] },
    signatureRow(
      [
        principalSigner(y, 'Xác nhận của Hiệu trưởng'),
        { title: 'Giáo viên chủ nhiệm', caption: '(Ký và ghi rõ họ tên)', name: y.class.homeroomTeacher },
      ],
      placeDate,
    ),
  ];
}
