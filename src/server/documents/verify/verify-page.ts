/**
 * The page the QR code on every printed page opens: /verify/<id> (public, plain HTML, no script).
 * It shows the document's own header, its signatures and versions, and takes an uploaded PDF to
 * compare with the original.
 */
import { formatVietnamDateTime } from '../../../domain/calendar/vietnam-time.ts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { checkUploadedCopy, publicVerification } from './public-verification.ts';
import { limitByIp } from '../../platform/http/rate-limit.ts';
import type { VerifyContext } from './signature-trust.ts';
import { ZDocumentCode, readUploadedPdf, tooManyChecks, tooManyViews, verifyLimits, verifySources } from './verify.routes.ts';
import { readableDistinguishedName } from '../../../shared/certificate-names.ts';

const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function vnTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return formatVietnamDateTime(iso);
}

const STYLE = `body{font-family:system-ui,"Segoe UI",Roboto,sans-serif;max-width:760px;margin:24px auto;padding:0 16px;color:#1a1b1e;line-height:1.5}
h1{font-size:1.4rem}.ok{background:#ebfbee;border:1px solid #2f9e44;padding:12px;border-radius:6px}.bad{background:#fff5f5;border:1px solid #e03131;padding:12px;border-radius:6px}
.warn{background:#fff9db;border:1px solid #f08c00;padding:12px;border-radius:6px}table{border-collapse:collapse;width:100%;margin:12px 0}td,th{border:1px solid #ced4da;padding:6px 8px;text-align:left;vertical-align:top}
code{word-break:break-all;font-size:.85em}.good{color:#2b8a3e}.doubt{color:#c92a2a;font-weight:600}.scroll{overflow-x:auto}@media (max-width:600px){body{margin:12px auto}table{font-size:.85em}td,th{padding:4px 5px}h1{font-size:1.15rem}}form{margin-top:20px;padding:12px;border:1px dashed #adb5bd;border-radius:6px}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><style>${STYLE}</style></head><body>${body}<p style="margin-top:32px;color:#868e96;font-size:.85em">Sổ Điểm Số — trang kiểm tra văn bản công khai. Trang chỉ hiển thị thông tin in trên đầu văn bản.</p></body></html>`;
}

function send(reply: FastifyReply, status: number, html: string) {
  return reply.status(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(html);
}

async function verificationHtml(ctx: VerifyContext, id: string, check?: Awaited<ReturnType<typeof checkUploadedCopy>>): Promise<{ status: number; html: string }> {
  const v = await publicVerification(ctx, id);
  if (!v.found) {
    return { status: 404, html: page('Không tìm thấy văn bản', `<h1>Kiểm tra văn bản</h1><div class="bad"><strong>Không có văn bản nào mang mã ${esc(id)}.</strong> Bản giấy hoặc tệp mang mã này không do nhà trường phát hành qua Sổ Điểm Số, hoặc mã đã bị chép sai.</div>`) };
  }
  const d = v as Extract<typeof v, { kindLabel: string }>;
  const doubtful = (d.signatures ?? []).some((s) => s.trustStatus && s.trustStatus !== 'trusted');
  const verdict = d.supersededBy
    ? `<div class="warn"><strong>Văn bản thật, nhưng đã có phiên bản mới thay thế</strong> (mã <a href="/verify/${esc(d.supersededBy.id)}">${esc(d.supersededBy.id)}</a>, lập lúc ${esc(vnTime(d.supersededBy.createdAt))}). Hãy dùng bản mới.</div>`
    : `<div class="${doubtful ? 'warn' : 'ok'}"><strong>Văn bản thật</strong> do nhà trường phát hành qua Sổ Điểm Số — ${esc(d.statusLabel)}.</div>`;
  const rows = (d.signatures ?? [])
    .map((s) => {
      const state = s.status === 'signed' ? 'Đã ký số' : s.status === 'handwritten' ? 'Ký tay trên bản giấy (không phải chữ ký số)' : 'Chưa ký';
      const trust = s.trust ? `<br><small class="${s.trustStatus === 'trusted' ? 'good' : 'doubt'}">${esc(s.trust)}</small>` : '';
      return `<tr><td>${esc(s.roleLabel)}</td><td>${esc(state)}${trust}</td><td>${esc(s.signerName ?? '')}${s.certificateSubject ? `<br><small>${esc(readableDistinguishedName(s.certificateSubject))}</small>` : ''}</td><td>${esc(vnTime(s.signedAt))}</td></tr>`;
    })
    .join('');
  let checkHtml = '';
  if (check) {
    const sigs = check.signatures
      .map((s) => `<li>${esc(s.signer)}: ${s.valid ? 'chữ ký hợp lệ' : 'chữ ký KHÔNG hợp lệ'} — ${esc(s.message)}<br><small class="${s.trusted ? 'good' : 'doubt'}">${esc(s.trust)}</small></li>`)
      .join('');
    checkHtml = `<h2>Kết quả kiểm tra tệp tải lên</h2><div class="${!check.matches ? 'bad' : check.signatures.every((s) => s.trusted) ? 'ok' : 'warn'}"><strong>${esc(check.message)}</strong><br>Mã băm SHA-256 của tệp: <code>${esc(check.sha256)}</code>${sigs ? `<ul>${sigs}</ul>` : ''}</div>`;
  }
  const html = page(
    `Kiểm tra văn bản ${id}`,
    `<h1>Kiểm tra văn bản ${esc(id)}</h1>${checkHtml}${verdict}
<table><tr><th>Loại văn bản</th><td>${esc(d.kindLabel)}</td></tr><tr><th>Đầu văn bản</th><td>${esc(d.header)}</td></tr>
<tr><th>Phiên bản</th><td>${esc(d.versionNo)} (lập lúc ${esc(vnTime(d.createdAt))})</td></tr><tr><th>Mã băm SHA-256 bản hiện hành</th><td><code>${esc(d.sha256)}</code></td></tr></table>
${rows ? `<h2>Chữ ký</h2><div class="scroll"><table><tr><th>Người ký</th><th>Trạng thái</th><th>Họ tên / chứng thư số</th><th>Thời điểm</th></tr>${rows}</table></div>` : ''}
<form method="post" action="/verify/${esc(id)}" enctype="multipart/form-data"><label>Kiểm tra một bản PDF bạn đang có: <input type="file" name="file" accept="application/pdf" required></label> <button type="submit">Kiểm tra</button></form>`,
  );
  return { status: 200, html };
}

const refusedPage = (message: string) => page('Thử lại sau', `<h1>Kiểm tra văn bản</h1><div class="warn">${esc(message)}</div>`);

export async function registerVerifyPage(app: FastifyInstance, db: Db): Promise<void> {
  const limits = verifyLimits(app);
  const sources = verifySources(app);
  const contextOf = (now: Date): VerifyContext => ({ db, ...sources, now });
  const views = limitByIp(limits.views, (reply, seconds) => send(reply, 429, refusedPage(tooManyViews(seconds))));
  const checks = limitByIp(limits.checks, (reply, seconds) => send(reply, 429, refusedPage(tooManyChecks(seconds))));

  app.get('/verify/:documentId', { schema: { hide: true }, onRequest: views }, async (request, reply) => {
    const parsed = ZDocumentCode.safeParse((request.params as { documentId: string }).documentId);
    if (!parsed.success) return send(reply, 400, page('Mã không hợp lệ', '<h1>Kiểm tra văn bản</h1><div class="bad">Mã văn bản không đúng dạng (ví dụ HB-ABCD-EFGH-JKMN-PQRS).</div>'));
    const { status, html } = await verificationHtml(contextOf(request.now), parsed.data);
    return send(reply, status, html);
  });

  app.post('/verify/:documentId', { schema: { hide: true }, onRequest: checks }, async (request, reply) => {
    const parsed = ZDocumentCode.safeParse((request.params as { documentId: string }).documentId);
    if (!parsed.success) return send(reply, 400, page('Mã không hợp lệ', '<h1>Kiểm tra văn bản</h1><div class="bad">Mã văn bản không đúng dạng.</div>'));
    try {
      const ctx = contextOf(request.now);
      const check = await checkUploadedCopy(ctx, parsed.data, await readUploadedPdf(request));
      const { status, html } = await verificationHtml(ctx, parsed.data, check);
      return send(reply, status, html);
    } catch (error) {
      if (error instanceof AppError) return send(reply, 400, page('Không kiểm tra được', `<h1>Kiểm tra văn bản</h1><div class="bad">${esc(error.message)}</div><p><a href="/verify/${esc(parsed.data)}">Quay lại</a></p>`));
      throw error;
    }
  });
}
