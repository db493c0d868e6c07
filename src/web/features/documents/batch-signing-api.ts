/**
 * Batch signing (issue 15 §3): POST /schools/:id/signature-batches with one signer for many
 * documents, each with the SHA-256 of the version reviewed. Read as a stream of JSON lines
 * (Accept: application/x-ndjson) to show the progress document by document; a refusal of the
 * whole batch (wrong password, certificate not the signer's…) comes back as an ordinary error.
 */
import { API_BASE, ApiError, type FieldError } from '../../api/client.ts';
import type { BatchProgress, BatchResult, BatchRole } from '../../../shared/documents.ts';

export type { BatchProgress, BatchResult, BatchRole };

export type BatchMethod = { method: 'pkcs12'; p12: string; password: string } | { method: 'remote'; credentialId: string } | { method: 'server' };

type Line = { type: 'start'; total: number } | ({ type: 'progress' } & BatchProgress) | ({ type: 'result' } & BatchResult) | { type: 'error'; message: string };

export async function signBatch(
  schoolId: string,
  body: { role: BatchRole; items: { documentId: string; expectedSha256: string }[] } & BatchMethod,
  csrfToken: string,
  onProgress: (p: BatchProgress) => void,
): Promise<BatchResult> {
  let res: Response;
  try {
    res = await fetch(`${API_BASE}/schools/${schoolId}/signature-batches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/x-ndjson', 'x-csrf-token': csrfToken },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại.');
  }
  if (!res.ok || !res.body) {
    const e = ((await res.json().catch(() => null)) ?? {}) as { error?: string; message?: string; errors?: FieldError[] };
    throw new ApiError(res.status, e.error ?? `HTTP_${res.status}`, e.message ?? 'Không ký được các văn bản.', e.errors ?? []);
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  let result: BatchResult | null = null;
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffered += value;
    let at: number;
    while ((at = buffered.indexOf('\n')) >= 0) {
      const text = buffered.slice(0, at).trim();
      buffered = buffered.slice(at + 1);
      if (!text) continue;
      const line = JSON.parse(text) as Line;
      if (line.type === 'progress') onProgress(line);
      else if (line.type === 'result') result = { batchId: line.batchId, signed: line.signed, failed: line.failed };
      else if (line.type === 'error') throw new ApiError(500, 'BATCH', line.message);
    }
    if (done) break;
  }
  if (!result) throw new ApiError(0, 'NETWORK', 'Mất kết nối trong khi ký: hãy tải lại danh sách để xem văn bản nào đã được ký.');
  return result;
}
