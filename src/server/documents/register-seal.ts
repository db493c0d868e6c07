/**
 * The principal registers the school's seal certificate (issue 14): from then on the seal step
 * accepts only a signature by this certificate (sign-document.ts). The certificate must be valid
 * now and chain to a trusted root; the registration replaces the current one, with its
 * `seal.registered` audit entry, in one transaction. Registering the current one again changes
 * nothing.
 */
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { SealRegistrationAudit } from '../platform/audit/audit-events.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError, invalid } from '../platform/errors.ts';
import { assessCertificate } from '../platform/signing/certificate-trust.ts';
import { certificatePem } from '../platform/signing/pem.ts';
import { type TrustStore, readCert } from '../platform/signing/trust-store.ts';
import { checkCertificateValidAt } from '../../domain/documents/certificate-validity.ts';
import { randomUUID } from 'node:crypto';
import { currentSealRegistration } from './seal-queries.ts';

export interface RegisterSealOptions {
  db: Db;
  schoolId: string;
  /** DER certificates: the seal's first, then any issuers that help to build its chain. */
  chain: Buffer[];
  trust: TrustStore;
  audit: AuditContext & { actorUserId: string };
  now: Date;
}

const auditOf = (r: Row<'seal_registrations'>): SealRegistrationAudit => ({
  id: r.id,
  certificateSha256: r.certificate_sha256,
  subject: r.subject,
  issuer: r.issuer,
  notAfter: r.not_after,
});

export async function registerSeal(o: RegisterSealOptions): Promise<Row<'seal_registrations'>> {
  const seal = readCert(o.chain[0]).description;
  const validity = checkCertificateValidAt(seal, o.now);
  if (!validity.ok) throw invalid(validity.message, [{ field: 'certificate', message: validity.kind === 'expired' ? 'hết hiệu lực' : 'chưa có hiệu lực' }]);
  const trust = await assessCertificate(o.chain, o.trust, o.now, o.now);
  if (trust.status === 'untrusted') {
    throw invalid(`Không đăng kí được: chứng thư "${seal.commonName}" không thuộc tổ chức chứng thực được tin cậy (${trust.reason}).`, [{ field: 'certificate', message: 'không được tin cậy' }]);
  }
  if (trust.status === 'revoked') throw invalid(`Không đăng kí được: ${trust.message}`, [{ field: 'certificate', message: 'đã bị thu hồi' }]);

  return o.db.transaction().execute(async (tx) => {
    const current = await currentSealRegistration(tx, o.schoolId);
    if (current?.certificate_sha256 === seal.sha256) return current;
    const at = o.now.toISOString();
    if (current) {
      const replaced = await tx.updateTable('seal_registrations').set({ replaced_at: at }).where('id', '=', current.id).where('replaced_at', 'is', null).executeTakeFirst();
      if (Number(replaced.numUpdatedRows) !== 1) throw new AppError('CONFLICT', 'Có người vừa đăng kí con dấu khác. Hãy tải lại trang.');
    }
    const row: Row<'seal_registrations'> = {
      id: randomUUID(),
      school_id: o.schoolId,
      certificate_sha256: seal.sha256,
      certificate_pem: certificatePem(o.chain[0]),
      subject: seal.subject,
      issuer: seal.issuer,
      serial_number: seal.serialNumber,
      not_before: seal.notBefore.toISOString(),
      not_after: seal.notAfter.toISOString(),
      registered_by: o.audit.actorUserId,
      registered_at: at,
      replaced_at: null,
    };
    await tx.insertInto('seal_registrations').values(row).execute();
    await writeAudit(tx, o.audit, {
      chainKey: schoolChain(o.schoolId),
      schoolId: o.schoolId,
      action: 'seal.registered',
      entityType: 'seal_registration',
      entityId: row.id,
      before: current ? auditOf(current) : null,
      after: auditOf(row),
    });
    return row;
  });
}
