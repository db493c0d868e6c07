/**
 * buildTranscript: the học bạ of one student as a RenderedDocument (P3, P5, C6), independent of
 * HTTP — the routes, bulk jobs, the signing workflow and the archive call it. The document id
 * changes whenever a year record is re-confirmed (its id and SHA-256 are among the parts).
 */
import type { Executor } from '../platform/db/database.ts';
import type { RenderedDocument } from '../platform/pdf/rendered-document.ts';
import { documentIdFor, verifyUrlFor } from '../platform/pdf/document-id.ts';
import type { SchoolLevel } from './templates/transcript-pdf-parts.ts';
import { renderTranscriptPdf } from './templates/transcript-pdf.ts';
import { loadTranscript } from './load-transcript.ts';
import { type PrintCache, printAuthority, schoolLevelAddress, schoolPrintInfo } from '../printing/index.ts';

export interface DocumentContext {
  /** the address the QR code and footer point to: `<baseUrl>/verify/<id>` */
  baseUrl: string;
  /** bulk printing only: the job run's memo of class snapshots, teachers and school headings (absent: fresh data) */
  cache?: PrintCache;
}

/** "Nguyễn Văn An" → "nguyen-van-an" (file names). */
export function fileSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}

/** "Phường Bần Yên Nhân, tỉnh Hưng Yên" → commune "Phường Bần Yên Nhân", province "Hưng Yên". */
export function localityOf(address: string): { commune: string | null; province: string | null } {
  const parts = address.split(',').map((p) => p.trim());
  const commune = parts.find((p) => /^(xã|phường|đặc khu|thị trấn)\s/iu.test(p)) ?? null;
  const prov = parts.find((p) => /^(tỉnh|thành phố)\s/iu.test(p));
  return { commune, province: prov ? prov.replace(/^(tỉnh|thành phố)\s+/iu, '') : null };
}

export async function buildTranscript(db: Executor, input: { studentId: string }, ctx: DocumentContext): Promise<RenderedDocument> {
  const t = await loadTranscript(db, input.studentId, ctx.cache);
  const d = t.document;
  const stored = await schoolPrintInfo(db, t.schoolId, ctx.cache);
  const levelRow = await schoolLevelAddress(db, t.schoolId, ctx.cache);
  const { commune, province } = localityOf(levelRow?.address ?? '');
  const primary = d.years.some((y) => y.regime === 'TT27_2020' || y.regime === 'TT22_2016');
  const level: SchoolLevel = primary || levelRow?.level === 'primary' ? 'primary' : levelRow?.level === 'upper_secondary' ? 'upper_secondary' : 'lower_secondary';
  const last = d.years.at(-1)!;
  // The heading and cover of the học bạ's last year (issue 15 §9): a 2024-2025 book keeps its Phòng.
  const printed = await printAuthority(db, { schoolId: t.schoolId, year: { startYear: last.startYear }, level }, ctx.cache);
  const school = { ...stored, heading: { ...stored.heading, authority: printed.authority } };
  const documentId = documentIdFor('HB', [input.studentId, t.inputsVersion, t.dataSha256, school.heading.authority, school.place ?? '']);
  const pdf = await renderTranscriptPdf({
    document: d,
    documentId,
    verifyUrl: verifyUrlFor(ctx.baseUrl, documentId),
    dataSha256: t.dataSha256,
    createdAt: new Date(t.lastConfirmedAt),
    heading: school.heading,
    place: school.place,
    commune,
    province,
    localityLabel: printed.localityLabel,
    locality: printed.locality,
    level,
  });
  return {
    kind: 'transcript',
    documentId,
    title: `Học bạ – ${d.student.fullName} – lớp ${last.class.name}`,
    publicHeader: `${d.school.name} – Học bạ – ${d.student.fullName} – lớp ${last.class.name}`,
    subject: { studentId: input.studentId, schoolId: t.schoolId, classId: t.latestClassId },
    seriesKey: `transcript:${input.studentId}`,
    inputsVersion: t.inputsVersion,
    dataSha256: t.dataSha256,
    principalSignerId: t.latestConfirmerId,
    filename: `hoc-ba-${await currentPlace(db, input.studentId, last.class.name)}-${fileSlug(d.student.fullName)}.pdf`,
    pdf,
  };
}

/**
 * The file's place in a print run: the student's current class and list number ("9a1-07"), so a
 * 9A1 run's files sort as its class list does, though the pages end with last year's 8A1; the
 * latest confirmed class when she has no current enrollment.
 */
async function currentPlace(db: Executor, studentId: string, latestClass: string): Promise<string> {
  const current = await db
    .selectFrom('enrollments')
    .innerJoin('classes', 'classes.id', 'enrollments.class_id')
    .innerJoin('school_years', 'school_years.id', 'classes.school_year_id')
    .select(['classes.name', 'enrollments.list_number'])
    .where('enrollments.student_id', '=', studentId)
    .where('enrollments.status', 'in', ['active', 'transferred_in'])
    .orderBy('school_years.start_year', 'desc')
    .executeTakeFirst();
  if (!current) return fileSlug(latestClass);
  return `${fileSlug(current.name)}${current.list_number ? `-${String(current.list_number).padStart(2, '0')}` : ''}`;
}
