/**
 * The học bạ PDF (P3, C6) of one student: the cover, Trang 1 (identity, QUÁ TRÌNH HỌC TẬP), then
 * the pages of every confirmed school year in the layout of its regime — TT22/2021 pages A and B,
 * TT58 legacy pages, or the TT27/2020 primary pages. Printed from the canonical transcript; its
 * SHA-256 goes into the PDF keywords (`dataSha256:<hex>`) next to `documentId:<id>`.
 */
import type { PdfNode } from '../../platform/pdf/engine/nodes.ts';
import { pageFrame } from '../../platform/pdf/layout.ts';
import { primaryYearPages } from './primary-transcript-pages.ts';
import { renderPdf } from '../../platform/pdf/render-pdf.ts';
import { legacySubjectPage, legacySummaryPage } from './transcript-legacy-pages.ts';
import { cover, identityPage, placeDateOf, type TranscriptPrintInput } from './transcript-pdf-parts.ts';
import { tt22SubjectPage, tt22SummaryPage } from './transcript-tt22-pages.ts';

export type { TranscriptPrintInput } from './transcript-pdf-parts.ts';

const LEVEL_WORDS = { primary: 'tiểu học', lower_secondary: 'trung học cơ sở', upper_secondary: 'trung học phổ thông' } as const;

export function transcriptDefinition(input: TranscriptPrintInput) {
  const d = input.document;
  const content: PdfNode[] = [...cover(input), ...identityPage(input)];
  d.years.forEach((y, i) => {
    const pd = placeDateOf(input, y.record.confirmedAt);
    const pages =
      y.regime === 'TT27_2020' || y.regime === 'TT22_2016'
        ? primaryYearPages(d, y, pd)
        : y.regime === 'TT58_2011' || y.regime === 'TT58_TT26'
          ? [...legacySubjectPage(d, y), ...legacySummaryPage(d, y, pd)]
          : [...tt22SubjectPage(d, y), ...tt22SummaryPage(d, y, pd, LEVEL_WORDS[input.level])];
    content.push(...pages);
    if (i < d.years.length - 1) content.push({ text: '', pageBreak: 'after' });
  });
  return pageFrame({
    documentId: input.documentId,
    verifyUrl: input.verifyUrl,
    runningTitle: `Học bạ – ${d.student.fullName} – ${d.school.name}`,
    content,
  });
}

export async function renderTranscriptPdf(input: TranscriptPrintInput): Promise<Buffer> {
  const d = input.document;
  return renderPdf(transcriptDefinition(input), {
    title: `Học bạ – ${d.student.fullName}`,
    subject: `Học bạ ${LEVEL_WORDS[input.level]} – ${d.school.name}`,
    documentId: input.documentId,
    createdAt: input.createdAt,
    keywords: ['Học bạ', `dataSha256:${input.dataSha256}`],
  });
}
