/**
 * The school's seal certificate (issue 14): what is registered (and the certificate configured on
 * the server, to register it with one click), and the principal's registration — of the
 * configured certificate, or of one she uploads (PEM/DER, optionally with its issuers).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZId, authErrors } from '../../shared/api-common.ts';
import { ZRegisterSeal, ZSealStatus } from '../../shared/documents.ts';
import { can } from '../../domain/policies/policy.ts';
import { invalid } from '../platform/errors.ts';
import { auditContext, authorize, requireAuth } from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';
import type { Db } from '../platform/db/database.ts';
import type { Env } from '../platform/env.ts';
import { assessCertificate } from '../platform/signing/certificate-trust.ts';
import { createSigner } from '../platform/signing/create-signer.ts';
import { derCertificatesOf } from '../platform/signing/pem.ts';
import { SigningError } from '../platform/signing/signer.ts';
import { type TrustStore, readCert } from '../platform/signing/trust-store.ts';
import { presentSealRegistration } from './document-presenter.ts';
import { registerSeal } from './register-seal.ts';
import { sealRegistrationsWithNames } from './seal-queries.ts';
import { signingTrustStore } from './signing-trust.ts';

const tags = ['signing'];

/** The certificate chain of the seal configured on the server (SODIEM_SEAL_*), or null when none is. */
async function configuredSealChain(env: Env): Promise<Buffer[] | null> {
  if (!env.signing.seal) return null;
  const signer = await createSigner(env.signing.seal);
  try {
    return await signer.certificateChain();
  } finally {
    await signer.close?.().catch(() => {});
  }
}

function uploadedChain(text: string): Buffer[] {
  const bytes = text.includes('-----BEGIN') ? Buffer.from(text, 'latin1') : Buffer.from(text.replace(/\s+/g, ''), 'base64');
  try {
    const chain = derCertificatesOf(bytes);
    chain.forEach((der) => readCert(der));
    if (!chain.length) throw new Error('no certificate');
    return chain;
  } catch {
    throw invalid('Không đọc được chứng thư số: hãy chọn tệp chứng thư (.cer, .crt hoặc .pem) của con dấu nhà trường.', [{ field: 'certificate', message: 'không đọc được' }]);
  }
}

async function sealStatus(db: Db, env: Env, trust: TrustStore, schoolId: string, canRegister: boolean, now: Date) {
  const registrations = await sealRegistrationsWithNames(db, schoolId);
  let configured = null;
  let configuredError: string | null = null;
  try {
    const chain = await configuredSealChain(env);
    if (chain?.length) {
      const cert = readCert(chain[0]).description;
      const verdict = await assessCertificate(chain, trust, now, now);
      configured = {
        certificateSha256: cert.sha256,
        subject: cert.subject,
        issuer: cert.issuer,
        notBefore: cert.notBefore.toISOString(),
        notAfter: cert.notAfter.toISOString(),
        trusted: verdict.status === 'trusted',
        trust: verdict.summary,
      };
    }
  } catch (error) {
    configuredError = error instanceof SigningError ? error.message : 'Không đọc được chứng thư con dấu cấu hình trên máy chủ.';
  }
  return {
    current: registrations.filter((r) => r.replaced_at === null).map(presentSealRegistration)[0] ?? null,
    previous: registrations.filter((r) => r.replaced_at !== null).map(presentSealRegistration),
    configured,
    configuredError,
    canRegister,
  };
}

export async function registerSealRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db, env } = deps;
  const trust = signingTrustStore(env);
  // The principal of the school registers its seal (the one who signs as principal).
  const mayRegister = (auth: ReturnType<typeof requireAuth>, schoolId: string) => can(auth.actor, 'seal.register', { schoolId }).allowed;

  api.get(
    '/schools/:schoolId/seal',
    {
      schema: {
        tags,
        summary: 'Chứng thư số con dấu của nhà trường: chứng thư đã đăng kí, các chứng thư trước đó, chứng thư cấu hình trên máy chủ',
        params: z.object({ schoolId: ZId }),
        response: { 200: ZSealStatus, ...authErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const { schoolId } = request.params;
      authorize(auth, 'document.view', { schoolId });
      return sealStatus(db, env, trust, schoolId, mayRegister(auth, schoolId), request.now);
    },
  );

  api.post(
    '/schools/:schoolId/seal',
    {
      schema: {
        tags,
        summary: 'Hiệu trưởng đăng kí chứng thư số con dấu của nhà trường (chứng thư cấu hình trên máy chủ, hoặc tệp chứng thư tải lên); bước đóng dấu chỉ nhận chứng thư này',
        params: z.object({ schoolId: ZId }),
        body: ZRegisterSeal,
        response: { 200: ZSealStatus, ...authErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const { schoolId } = request.params;
      authorize(auth, 'seal.register', { schoolId });
      const body = request.body;
      let chain: Buffer[] | null;
      if (body.source === 'certificate') chain = uploadedChain(body.certificate);
      else {
        chain = await configuredSealChain(env).catch((error: unknown) => {
          throw error instanceof SigningError ? invalid(error.message, [{ field: 'source', message: error.code }]) : error;
        });
        if (!chain?.length) throw invalid('Máy chủ chưa cấu hình chứng thư số con dấu (SODIEM_SEAL_BACKEND, xem docs/signing.md): hãy tải lên tệp chứng thư của con dấu.', [{ field: 'source', message: 'chưa cấu hình' }]);
      }
      await registerSeal({ db, schoolId, chain, trust, audit: { ...auditContext(request), actorUserId: auth.user.id }, now: request.now });
      return sealStatus(db, env, trust, schoolId, true, request.now);
    },
  );
}
