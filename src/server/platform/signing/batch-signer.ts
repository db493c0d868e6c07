/**
 * Batch signing over one opened Signer (issue 15 §3): every document of the batch prepares its PDF
 * signature as usual (sign-pdf.ts) and asks this collector to sign its CMS signed attributes; once
 * every document still in the batch has asked, the collector signs them all in one go —
 * `signMany` (a remote service: ONE request, one approval on the phone) or `sign` in turn on the
 * same session (a PKCS#11 token logged in once, a .p12 opened once). A document that fails before
 * asking leaves the batch with `leave()`, so the others do not wait for it.
 */
import type { Signer } from './signer.ts';

export interface SignatureCollector {
  /** The Signer each document's signPdf uses. */
  signer: Signer;
  /** A document that will not ask (it failed before): the others go on without it. */
  leave(): void;
}

export function collectSignatures(inner: Signer, expected: number): SignatureCollector {
  let waiting = expected;
  let flushed = false;
  const queue: Array<{ data: Buffer; resolve: (b: Buffer) => void; reject: (e: unknown) => void }> = [];

  const flush = () => {
    if (flushed || queue.length < waiting || queue.length === 0) return;
    flushed = true;
    const items = queue.splice(0);
    const run = async (): Promise<Buffer[]> => {
      if (inner.signMany && items.length > 1) return inner.signMany(items.map((i) => i.data));
      const out: Buffer[] = [];
      for (const i of items) out.push(await inner.sign(i.data));
      return out;
    };
    run().then(
      (signatures) => items.forEach((i, n) => i.resolve(signatures[n])),
      (error: unknown) => items.forEach((i) => i.reject(error)),
    );
  };

  return {
    signer: {
      backend: inner.backend,
      certificateChain: () => inner.certificateChain(),
      signatureAlgorithm: () => inner.signatureAlgorithm(),
      sign(data) {
        if (flushed) return inner.sign(data);
        return new Promise<Buffer>((resolve, reject) => {
          queue.push({ data, resolve, reject });
          flush();
        });
      },
    },
    leave() {
      if (flushed) return;
      waiting -= 1;
      flush();
    },
  };
}
