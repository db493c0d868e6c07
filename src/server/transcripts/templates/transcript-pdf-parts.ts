/**
 * Pieces every học bạ shares (THCS/THPT TT22, legacy TT58, tiểu học TT27): the cover, the
 * identity page (Trang 1) with QUÁ TRÌNH HỌC TẬP, the per-year header line, printed labels for
 * level codes, dates. Plain functions of the canonical transcript; no database, no clock.
 */
import { vietnamParts } from '../../../domain/calendar/vietnam-time.ts';
import type { PdfNode, TextNode } from '../../platform/pdf/engine/nodes.ts';
import { printedDecimal } from '../../platform/canonical-json.ts';
import { GUARDIAN_RELATION_LABELS, SEX_LABELS, TT22_TITLE_NAMES, TT58_TITLE_NAMES, inSentence, labelOf } from '../../../shared/labels.ts';
import type { TranscriptDocument, TranscriptYear } from '../transcript-document.ts';
import { type PlaceDate, type SchoolHeading, type Signer, contentWidth, GRID_LAYOUT, MM, principalBlock, signatureRow } from '../../platform/pdf/layout.ts';
import { splitSchoolName } from '../../../domain/names/split-school-name.ts';


/**
 * The principal's block of a year (R1, issue 22): "HIỆU TRƯỞNG", or "KT. HIỆU TRƯỞNG" over
 * "PHÓ HIỆU TRƯỞNG" when a vice-principal confirmed the year on the principal's delegation.
 * Under a `heading` (e.g. "PHÊ DUYỆT CỦA HIỆU TRƯỞNG") the role follows, printed always with
 * `roleLine`, else only for the vice-principal.
 */
export function principalSigner(y: Pick<TranscriptYear, 'record'>, heading?: string, roleLine = false): Signer {
  const role = principalBlock(y.record.confirmedBy, y.record.confirmedByDeputy);
  if (!heading) return role;
  // The role lines go under the heading: "KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG", or "HIỆU TRƯỞNG" with `roleLine`.
  const lines = role.subtitle ? `${role.title}\n${role.subtitle}` : roleLine ? role.title : undefined;
  return { ...role, title: heading, subtitle: lines };
}


export type SchoolLevel = 'primary' | 'lower_secondary' | 'upper_secondary';

export interface TranscriptPrintInput {
  document: TranscriptDocument;
  documentId: string;
  verifyUrl: string;
  dataSha256: string;
  createdAt: Date;
  heading: SchoolHeading;
  /** the locality for "…, ngày … tháng … năm …" */
  place: string | null;
  /** the school's commune and province (the "Tên trường, Xã/Phường, Tỉnh/Thành phố" column); null prints a blank */
  commune: string | null;
  province: string | null;
  /** the cover's locality line for the học bạ's last year (issue 15 §9): "Xã/Phường/Đặc khu" and the commune from 1/7/2025, else "Huyện/Quận/Thị xã/Thành phố" and the district */
  localityLabel: string;
  locality: string | null;
  level: SchoolLevel;
}

export const LEVEL_TITLES: Record<SchoolLevel, string> = { primary: 'TIỂU HỌC', lower_secondary: 'TRUNG HỌC CƠ SỞ', upper_secondary: 'TRUNG HỌC PHỔ THÔNG' };
const IMPRINT: Record<SchoolLevel, string> = {
  primary: '(Theo Thông tư số 27/2020/TT-BGDĐT ngày 04 tháng 9 năm 2020)',
  lower_secondary: '(Mẫu ban hành kèm theo Thông tư số 22/2021/TT-BGDĐT ngày 20 tháng 7 năm 2021)',
  upper_secondary: '(Mẫu ban hành kèm theo Thông tư số 22/2021/TT-BGDĐT ngày 20 tháng 7 năm 2021)',
};

/** A year's title, whichever regime gave it. */
export const TITLES: Readonly<Record<string, string>> = { ...TT22_TITLE_NAMES, ...TT58_TITLE_NAMES };

export const label = (map: Readonly<Record<string, string>>, code: string | null | undefined): string => (code ? labelOf(map, code) : '');
export const score = printedDecimal;

/** ISO instant → the calendar day in Vietnam (UTC+7). */
export function vnDay(iso: string): { day: number; month: number; year: number } {
  const { day, month, year } = vietnamParts(iso);
  return { day, month, year };
}

export function vnDateText(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return d && m && y ? `${d}/${m}/${y}` : isoDate;
}

/** ISO instant → "dd/mm/yyyy" in Vietnam time. */
export function vnDateOfInstant(iso: string): string {
  const p = vnDay(iso);
  return `${String(p.day).padStart(2, '0')}/${String(p.month).padStart(2, '0')}/${p.year}`;
}

export function placeDateOf(input: TranscriptPrintInput, iso: string): PlaceDate {
  return { place: input.place, date: vnDay(iso) };
}

/** Label: value on a line, the value in bold (a dotted blank when empty). */
function field(labelText: string, value: string | null | undefined, width?: number): TextNode {
  return { width: width ?? '*', text: [{ text: `${labelText}: ` }, value ? { text: value, bold: true } : { text: '…………………' }], fontSize: 12, margin: [0, 2, 0, 2] };
}

/** Fields side by side (given widths), or one field on its own line that wraps. */
export function fieldRow(items: [string, string | null | undefined][], widths?: number[]): PdfNode {
  if (items.length === 1) {
    const { width: _w, ...one } = field(items[0][0], items[0][1]);
    return one;
  }
  return { columns: items.map(([l, v], i) => field(l, v, widths?.[i])), columnGap: 8 };
}

export function cover(input: TranscriptPrintInput): PdfNode[] {
  const { document: d, level } = input;
  const schoolLine = level === 'primary' ? 'Trường' : level === 'upper_secondary' ? 'TRƯỜNG THPT' : 'TRƯỜNG THCS';
  const suffix = level === 'upper_secondary' ? 'THPT' : level === 'primary' ? 'TH' : 'THCS';
  return [
    // "TRƯỜNG THCS: Nguyễn Trãi" and "Trường: Tiểu học Lê Quý Đôn", never the level twice.
    { text: [{ text: `${schoolLine}: ` }, { text: level === 'primary' ? d.school.name.replace(/^Trường\s+/iu, '') : splitSchoolName(d.school.name).name, bold: true }], fontSize: 14, margin: [0, 10, 0, 4] },
    { text: [{ text: `${input.localityLabel}: ` }, { text: input.locality ?? '……………………………………', bold: !!input.locality }], fontSize: 14, margin: [0, 0, 0, 4] },
    { text: [{ text: 'Tỉnh/Thành phố: ' }, { text: input.province ?? '……………………………………', bold: !!input.province }], fontSize: 14 },
    { text: 'HỌC BẠ', fontSize: 40, bold: true, alignment: 'center', margin: [0, 150, 0, 6] },
    { text: LEVEL_TITLES[level], fontSize: 22, bold: true, alignment: 'center' },
    { text: IMPRINT[level], fontSize: 11, italics: true, alignment: 'center', margin: [0, 8, 0, 120] },
    { text: 'Họ và tên học sinh', fontSize: 14, alignment: 'center' },
    { text: d.student.fullName.toLocaleUpperCase('vi'), fontSize: 20, bold: true, alignment: 'center', margin: [0, 6, 0, 16] },
    { text: `Số sổ đăng bộ PCGD: ……………/${suffix}`, fontSize: 13, alignment: 'center' },
    { text: d.student.studentCode ? `Mã học sinh: ${d.student.studentCode}` : '', fontSize: 11, alignment: 'center', margin: [0, 4, 0, 0], pageBreak: 'after' },
  ];
}

/** Trang 1: identity, the principal's signature, QUÁ TRÌNH HỌC TẬP. */
export function identityPage(input: TranscriptPrintInput): PdfNode[] {
  const { document: d, level } = input;
  const s = d.student;
  const first = d.years[0];
  const guardian = (rel: string) => s.guardians.find((g) => g.relation === rel);
  const w = contentWidth();
  const fw = w - 34 * MM - 8; // the fields' column, right of the photo box
  const photo: PdfNode = { canvas: [{ type: 'rect', x: 0, y: 0, w: 30 * MM, h: 40 * MM, lineWidth: 0.7 }] };
  const fields: PdfNode[] = [
    fieldRow([['Họ và tên', s.fullName], ['Giới tính', labelOf(SEX_LABELS, s.sex)]], [fw * 0.62, fw * 0.36]),
    fieldRow([['Ngày sinh', vnDateText(s.dateOfBirth)], ['Dân tộc', s.ethnicity]], [fw * 0.56, fw * 0.42]),
    fieldRow([['Nơi sinh', s.placeOfBirth]]),
    fieldRow([['Đối tượng (con liệt sĩ, con thương binh…)', '']]),
    fieldRow([['Chỗ ở hiện tại', s.address]]),
    ...(['father', 'mother', 'guardian'] as const).map((rel) =>
      fieldRow([[`Họ và tên ${inSentence(GUARDIAN_RELATION_LABELS[rel])}`, guardian(rel)?.fullName], ['Nghề nghiệp', guardian(rel)?.occupation]], [fw * 0.58, fw * 0.4]),
    ),
  ];
  const rows: PdfNode[][] = d.years.map((y) => [
    { text: y.schoolYear, style: 'td', alignment: 'center' },
    { text: y.class.name, style: 'td', alignment: 'center' },
    { text: [d.school.name, input.commune, input.province].filter(Boolean).join(', '), style: 'td' },
    { text: vnDateOfInstant(y.record.confirmedAt), style: 'td', alignment: 'center' },
  ]);
  const blank = level === 'upper_secondary' ? 3 : level === 'primary' ? 5 : 4;
  while (rows.length < blank) rows.push([{ text: ' ', style: 'td' }, { text: '' }, { text: '' }, { text: '' }]);
  return [
    { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', style: 'nation', alignment: 'center' },
    { text: 'Độc lập - Tự do - Hạnh phúc', style: 'motto', alignment: 'center', decoration: 'underline', margin: [0, 0, 0, 10] },
    { text: 'HỌC BẠ', fontSize: 18, bold: true, alignment: 'center' },
    { text: LEVEL_TITLES[level], fontSize: 14, bold: true, alignment: 'center', margin: [0, 0, 0, 14] },
    { columns: [{ width: 34 * MM, stack: [photo, { text: 'Ảnh 3x4', fontSize: 9, italics: true, margin: [8 * MM, -22 * MM, 0, 0] }] }, { width: '*', stack: fields }], columnGap: 8 },
    rightSignature(first ? principalSigner(first) : principalBlock(null, false), first ? placeDateOf(input, first.record.confirmedAt) : undefined),
    { text: 'QUÁ TRÌNH HỌC TẬP', fontSize: 13, bold: true, alignment: 'center', margin: [0, 16, 0, 6] },
    {
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: [w * 0.17, w * 0.1, '*', w * 0.2],
        body: [
          [
            { text: 'Năm học', style: 'th' },
            { text: 'Lớp', style: 'th' },
            { text: 'Tên trường, Xã/Phường, Tỉnh/Thành phố', style: 'th' },
            { text: 'Ngày xác nhận', style: 'th' },
          ],
          ...rows,
        ],
      },
      layout: GRID_LAYOUT,
      pageBreak: 'after',
    },
  ];
}

/** "Họ và tên: … Lớp: … Năm học: …" over each year page. */
export function yearHeader(d: TranscriptDocument, y: TranscriptYear, labelText = 'Họ và tên'): PdfNode {
  const w = contentWidth();
  return { ...fieldRow([[labelText, d.student.fullName], ['Lớp', y.class.name], ['Năm học', y.schoolYear]], [w * 0.56, w * 0.15, w * 0.29]), margin: [0, 0, 0, 8] };
}

/** One signature block in the right half of the page (the date line above it). */
export function rightSignature(signer: Signer, placeDate?: PlaceDate): PdfNode {
  return { columns: [{ width: '*', text: '' }, { width: '*', stack: [signatureRow([signer], placeDate)] }], columnGap: 0 };
}

export function correctionTally(): PdfNode {
  return { text: 'Trong trang này có sửa chữa ở …… chỗ, thuộc môn học, hoạt động giáo dục: ……………………………………', fontSize: 10, italics: true, margin: [0, 6, 0, 0] };
}
