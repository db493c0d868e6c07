/**
 * The grids of the class book (FORMS.md §1.2 steps 6–9): one page (or more) per subject and term
 * signed by the subject teacher, the term and year summaries (a column per subject), and the year
 * classification with the "Tổng hợp chung" counts.
 */
import { type PdfCell, type PdfNode, SPANNED } from '../../platform/pdf/engine/nodes.ts';
import type { SubjectGridPage, SummaryPage, YearClassificationPage } from './class-book-data.ts';
import { TIGHT_GRID, gridHeading, rightSignature, tableOverhead, tableWithSignatures, td, th } from './class-book-cells.ts';
import { contentWidth } from '../../platform/pdf/layout.ts';
import { termRoman } from '../../../shared/labels.ts';

/** The header rows and body of a subject's grid, shared with the subject teacher's confirmation sheet. */
export function subjectGridTable(
  p: Pick<SubjectGridPage, 'termNo' | 'assessment' | 'regularColumns' | 'rows'>,
  extra: { dateOfBirth?: string[]; orientation?: 'portrait' | 'landscape' } = {},
) {
  const wide = extra.orientation === 'landscape';
  const n = p.regularColumns;
  const hk2 = p.termNo === 2;
  const withDob = Boolean(extra.dateOfBirth);
  const scored = p.assessment === 'scored';
  const head1: PdfCell[] = [th('Số TT', { rowSpan: 2, topPad: 6 }), th('Họ và tên', { rowSpan: 2, topPad: 6 })];
  if (withDob) head1.push(th('Ngày sinh', { rowSpan: 2, topPad: 6 }));
  head1.push(th(scored ? 'ĐĐGtx' : 'Thường xuyên', { colSpan: n }), ...Array.from({ length: n - 1 }, () => SPANNED));
  head1.push(
    th(scored ? 'ĐĐGgk' : 'Giữa kỳ', { rowSpan: 2, topPad: 6 }),
    th(scored ? 'ĐĐGck' : 'Cuối kỳ', { rowSpan: 2, topPad: 6 }),
    th(scored ? `ĐTBmhk${termRoman(p.termNo)}` : 'Học kỳ', { rowSpan: 2, topPad: 6, fontSize: hk2 ? 6.5 : 7.5 }),
  );
  if (hk2) head1.push(th(scored ? 'ĐTBmcn' : 'Cả năm', { rowSpan: 2, topPad: 6, fontSize: 7.5 }), th(scored ? 'Đánh giá lại' : 'Mức đánh giá lại', { rowSpan: 2, fontSize: 7.5 }));
  head1.push(th('Ghi chú', { rowSpan: 2, topPad: 6 }));
  const head2: PdfCell[] = [SPANNED, SPANNED, ...(withDob ? [SPANNED] : []), ...Array.from({ length: n }, (_, i) => th(String(i + 1))), SPANNED, SPANNED, SPANNED, ...(hk2 ? [SPANNED, SPANNED] : []), SPANNED];
  const body: PdfCell[][] = [head1, head2];
  p.rows.forEach((r, i) => {
    const row: PdfCell[] = [td(String(r.no)), td(r.fullName, { align: 'left' })];
    if (withDob) row.push(td(extra.dateOfBirth![i]));
    row.push(...Array.from({ length: n }, (_, k) => td(r.regular[k] ?? '')), td(r.mid), td(r.end), td(r.term, { bold: true }));
    if (hk2) row.push(td(r.year ?? '', { bold: true }), td(r.retest ?? ''));
    row.push(td(r.note, { align: 'left', fontSize: 8 }));
    body.push(row);
  });
  const columns = head1.length;
  const usable = contentWidth(extra.orientation ?? 'portrait') - tableOverhead(columns);
  const fixed: (number | '*')[] = [16, '*'];
  if (withDob) fixed.push(50);
  // HK II has two more columns: narrower score columns leave the names room on one line.
  const narrow = (hk2 || withDob) && !wide;
  const score = wide ? 30 : narrow ? 20 : 22;
  const point = wide ? 36 : narrow ? 28 : 30;
  fixed.push(...Array.from({ length: n }, () => score), point, point, wide ? 44 : narrow ? 34 : 38);
  if (hk2) fixed.push(wide ? 44 : 34, wide ? 44 : 30);
  fixed.push(wide ? 110 : narrow ? 26 : 44);
  const nameWidth = usable - fixed.reduce<number>((s, w) => s + (w === '*' ? 0 : w), 0);
  return { body, widths: fixed.map((w) => (w === '*' ? nameWidth : w)) };
}

export function subjectGridPage(p: SubjectGridPage): PdfNode {
  const { body, widths } = subjectGridTable(p);
  return {
    stack: [
      gridHeading([
        { text: `HỌC KỲ ${termRoman(p.termNo)} — Môn: ${p.subjectName}`, fontSize: 13 },
        {
          text: `Giáo viên môn học: ${p.teacherName ?? '……………………'}${p.assessment === 'comment' ? ' — Mức đánh giá: Đạt (Đ), Chưa đạt (CĐ)' : ''}`,
          bold: false,
          fontSize: 10.5,
        },
      ]),
      ...tableWithSignatures(body, 2, widths, (keep) => rightSignature({ title: 'Giáo viên môn học', caption: '(Ký và ghi rõ họ tên)', name: p.teacherName }, keep)),
    ],
    pageBreak: 'before',
    pageOrientation: 'portrait',
  };
}

/** TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ HỌC KỲ … / CẢ NĂM HỌC: a column per subject, then KQHT, KQRL, absences. */
export function summaryPage(p: SummaryPage): PdfNode {
  const c = p.commentSubjects.length;
  const s = p.scoredSubjects.length;
  const head1: PdfCell[] = [th('Số TT', { rowSpan: 2, topPad: 14 }), th('Họ và tên', { rowSpan: 2, topPad: 14 })];
  if (c) head1.push(th('Môn học đánh giá bằng nhận xét', { colSpan: c, fontSize: 8 }), ...Array.from({ length: c - 1 }, () => SPANNED));
  if (s) head1.push(th('Môn học đánh giá bằng nhận xét kết hợp đánh giá bằng điểm số', { colSpan: s, fontSize: 8 }), ...Array.from({ length: s - 1 }, () => SPANNED));
  head1.push(th('Kết quả học tập', { rowSpan: 2, fontSize: 7.5 }), th('Kết quả rèn luyện', { rowSpan: 2, fontSize: 7.5 }), th('Số buổi nghỉ', { colSpan: 2, fontSize: 7.5 }), SPANNED, th('Ghi chú', { rowSpan: 2, topPad: 14 }));
  const head2: PdfCell[] = [
    SPANNED,
    SPANNED,
    ...p.commentSubjects.map((n) => th(n, { fontSize: 7 })),
    ...p.scoredSubjects.map((n) => th(n, { fontSize: 7 })),
    SPANNED,
    SPANNED,
    th('P', { fontSize: 7.5 }),
    th('K', { fontSize: 7.5 }),
    SPANNED,
  ];
  const body: PdfCell[][] = [head1, head2];
  for (const r of p.rows) {
    body.push([
      td(String(r.no)),
      td(r.fullName, { align: 'left' }),
      ...r.comment.map((v) => td(v)),
      ...r.scored.map((v) => td(v)),
      td(r.academic, { bold: true }),
      td(r.conduct, { bold: true }),
      td(r.absentExcused),
      td(r.absentUnexcused),
      td(r.note, { align: 'left', fontSize: 7.5 }),
    ]);
  }
  const columns = head2.length;
  const usable = contentWidth('landscape') - tableOverhead(columns);
  const subjectWidth = Math.min(34, Math.max(24, (usable - 16 - 112 - 2 * 36 - 2 * 18 - 50) / Math.max(1, c + s)));
  const fixed = 16 + 112 + (c + s) * subjectWidth + 2 * 36 + 2 * 18;
  const widths = [16, 112, ...Array.from({ length: c + s }, () => subjectWidth), 36, 36, 18, 18, usable - fixed];
  return {
    stack: [
      gridHeading([{ text: p.title, fontSize: 13 }, { text: p.basis, bold: false, fontSize: 10, italics: true } as { text: string; bold: boolean; fontSize: number }]),
      { table: { headerRows: 2, dontBreakRows: true, widths, body }, layout: TIGHT_GRID },
      { text: 'Mức đánh giá: T – Tốt, K – Khá, Đ – Đạt, CĐ – Chưa đạt; P – nghỉ có phép, K – nghỉ không phép.', fontSize: 8.5, italics: true, margin: [0, 4, 0, 0] },
    ],
    pageBreak: 'before',
    pageOrientation: 'landscape',
  };
}

/** Part (b) of the year page: classification, promotion and awards, then the class totals. */
export function yearClassificationPage(p: YearClassificationPage): PdfNode {
  const head1: PdfCell[] = [
    th('Số TT', { rowSpan: 2, topPad: 10 }),
    th('Họ và tên', { rowSpan: 2, topPad: 10 }),
    th('Mức đánh giá', { colSpan: 2 }),
    SPANNED,
    th('Mức đánh giá sau khi rèn luyện trong kỳ nghỉ hè; kiểm tra, đánh giá lại', { colSpan: 2, fontSize: 7.5 }),
    SPANNED,
    th('Tổng số buổi nghỉ học', { rowSpan: 2, fontSize: 7.5 }),
    th('Được lên lớp', { rowSpan: 2, topPad: 4 }),
    th('Không được lên lớp', { rowSpan: 2, fontSize: 7.5 }),
    th('Khen thưởng', { rowSpan: 2, topPad: 10 }),
    th('Ghi chú', { rowSpan: 2, topPad: 10 }),
  ];
  const head2: PdfCell[] = [SPANNED, SPANNED, th('Kết quả rèn luyện', { fontSize: 7.5 }), th('Kết quả học tập', { fontSize: 7.5 }), th('Kết quả rèn luyện', { fontSize: 7.5 }), th('Kết quả học tập', { fontSize: 7.5 }), SPANNED, SPANNED, SPANNED, SPANNED, SPANNED];
  const body: PdfCell[][] = [head1, head2];
  for (const r of p.rows) {
    body.push([
      td(String(r.no)),
      td(r.fullName, { align: 'left' }),
      td(r.conduct, { bold: true }),
      td(r.academic, { bold: true }),
      td(r.conductAfter),
      td(r.academicAfter),
      td(r.absences),
      td(r.promoted === true ? 'x' : ''),
      td(r.promoted === false ? 'x' : ''),
      td(r.award, { fontSize: 8 }),
      td(r.note, { align: 'left', fontSize: 7.5 }),
    ]);
  }
  const usable = contentWidth('landscape') - tableOverhead(11);
  const fixed = [16, 120, 46, 46, 56, 56, 40, 38, 42, 70];
  const widths = [...fixed, usable - fixed.reduce((a, b) => a + b, 0)];
  const t = p.totals;
  return {
    stack: [
      gridHeading([{ text: 'TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ CẢ NĂM HỌC', fontSize: 13 }, { text: 'Xếp loại cả năm', fontSize: 11 }, { text: p.basis, bold: false, fontSize: 10 }]),
      { table: { headerRows: 2, dontBreakRows: true, widths, body }, layout: TIGHT_GRID },
      {
        table: {
          widths: ['*'],
          body: [
            [
              {
                stack: [
                  { text: 'Tổng hợp chung', bold: true, fontSize: 10 },
                  {
                    text: `Tổng số học sinh: ${t.students}. Được lên lớp: ${t.promoted}. Trong đó ${t.promotedAfterSummer} được lên lớp sau khi học tập, rèn luyện thêm trong hè. Không được lên lớp: ${t.retained}.${t.pending ? ` Chưa xác định (chờ kiểm tra lại, rèn luyện hè hoặc chưa đủ dữ liệu): ${t.pending}.` : ''}`,
                    fontSize: 10,
                  },
                ],
              },
            ],
          ],
        },
        layout: TIGHT_GRID,
        margin: [0, 6, 0, 0],
        unbreakable: true,
      },
    ],
    pageBreak: 'before',
    pageOrientation: 'landscape',
  };
}
