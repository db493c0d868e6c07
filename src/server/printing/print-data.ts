/**
 * What every printed document needs from the database, prepared as printed: the school's
 * heading (governing office over the school), the place name for "…, ngày … tháng … năm …",
 * the principal's name, Vietnam-time dates, column and source labels, file names, the PDF answer.
 */
import { vietnamParts } from '../../domain/calendar/vietnam-time.ts';
import type { FastifyReply } from 'fastify';
import type { Executor } from '../platform/db/database.ts';
import { notFound } from '../platform/errors.ts';
import type { PrintDate, SchoolHeading } from '../platform/pdf/layout.ts';
import type { RenderedDocument } from '../platform/pdf/rendered-document.ts';
import { placeFromOfficeName } from '../school/index.ts';


const two = (n: number) => String(n).padStart(2, '0');

/** "14:05 03/10/2025" in Vietnam time. */
export function vnDateTime(iso: string): string {
  const p = vietnamParts(iso);
  return `${two(p.hour)}:${two(p.minute)} ${two(p.day)}/${two(p.month)}/${p.year}`;
}

export function vnPrintDate(iso: string): PrintDate {
  const p = vietnamParts(iso);
  return { day: p.day, month: p.month, year: p.year };
}

/** The place-and-date line's locality from the office's name: the school area's (print-authority). */
export { placeFromOfficeName };

export interface SchoolPrintInfo {
  schoolId: string;
  schoolName: string;
  heading: SchoolHeading;
  place: string | null;
}

export async function loadSchoolPrintInfo(db: Executor, schoolId: string): Promise<SchoolPrintInfo> {
  const school = await db.selectFrom('schools').select(['id', 'name', 'org_unit_id']).where('id', '=', schoolId).executeTakeFirst();
  if (!school) throw notFound('trường');
  const office = await db.selectFrom('org_units').select(['name', 'kind']).where('id', '=', school.org_unit_id).executeTakeFirst();
  const authority = office?.name ?? '';
  return { schoolId, schoolName: school.name, heading: { authority, school: school.name }, place: placeFromOfficeName(authority) };
}

/** A user of the school (the teacher whose edit log is printed), or 404. */
export async function getSchoolUserOr404(db: Executor, schoolId: string, userId: string) {
  const user = await db.selectFrom('users').select(['id', 'full_name', 'school_id']).where('id', '=', userId).executeTakeFirst();
  if (!user || user.school_id !== schoolId) throw notFound('giáo viên');
  return user;
}

/** The full name of the school's principal, or null when none is recorded. */
export async function principalName(db: Executor, schoolId: string): Promise<string | null> {
  const row = await db
    .selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .select('users.full_name')
    .where('user_roles.school_id', '=', schoolId)
    .where('user_roles.role', '=', 'principal')
    .where('users.disabled', '=', 0)
    .orderBy('users.created_at')
    .executeTakeFirst();
  return row?.full_name ?? null;
}

/** The school year that contains a date ("2025 - 2026"); by the calendar when none is recorded. */
export async function schoolYearLabelFor(db: Executor, schoolId: string, isoDate: string): Promise<string> {
  const year = await db
    .selectFrom('school_years')
    .select(['start_year'])
    .where('school_id', '=', schoolId)
    .where('starts_on', '<=', isoDate)
    .where('ends_on', '>=', isoDate)
    .executeTakeFirst();
  const [y, m] = isoDate.split('-').map(Number);
  const start = year ? Number(year.start_year) : m >= 8 ? y : y - 1;
  return `${start} - ${start + 1}`;
}

export async function schoolYearLabel(db: Executor, schoolYearId: string): Promise<string> {
  const year = await db.selectFrom('school_years').select(['start_year']).where('id', '=', schoolYearId).executeTakeFirst();
  return year ? `${year.start_year} - ${Number(year.start_year) + 1}` : '';
}

/** ASCII look-alike of a Vietnamese name for the plain `filename=` fallback. */
function asciiFold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987). */
export function pdfDisposition(filename: string): string {
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `inline; filename="${asciiFold(filename)}"; filename*=UTF-8''${encoded}`;
}

/** A printed document as the answer: shown inline under its name, never cached; its registry id when it has one. */
export function sendPdf(reply: FastifyReply, pdf: { pdf: Buffer; filename: string; documentId?: string }): FastifyReply {
  reply.type('application/pdf').header('content-disposition', pdfDisposition(pdf.filename)).header('cache-control', 'private, no-store');
  if (pdf.documentId) reply.header('x-document-id', pdf.documentId);
  return reply.send(pdf.pdf);
}

/** A rendered document as the answer, under its title, with its registry id. */
export function sendDocumentPdf(reply: FastifyReply, doc: RenderedDocument): FastifyReply {
  return sendPdf(reply, { pdf: doc.pdf, filename: `${doc.title}.pdf`, documentId: doc.documentId });
}
