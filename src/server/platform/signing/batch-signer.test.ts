import { describe, expect, it } from 'vitest';
import { collectSignatures } from './batch-signer.ts';
import type { Signer } from './signer.ts';

function fakeSigner(withMany: boolean) {
  const calls: string[] = [];
  const signer: Signer = {
    backend: 'remote',
    certificateChain: async () => [],
    signatureAlgorithm: async () => 'rsa-pkcs1-sha256',
    sign: async (d) => {
      calls.push(`sign:${d.toString()}`);
      return Buffer.from(`sig-${d.toString()}`);
    },
    ...(withMany
      ? {
          signMany: async (ds: Buffer[]) => {
            calls.push(`many:${ds.map((d) => d.toString()).join(',')}`);
            return ds.map((d) => Buffer.from(`sig-${d.toString()}`));
          },
        }
      : {}),
  };
  return { signer, calls };
}

describe('collectSignatures: one call for the batch', () => {
  it('waits for every document, then signs them all in one signMany call, each getting its own signature', async () => {
    const { signer, calls } = fakeSigner(true);
    const c = collectSignatures(signer, 3);
    const out = await Promise.all(['a', 'b', 'c'].map((x) => c.signer.sign(Buffer.from(x))));
    expect(out.map((b) => b.toString())).toEqual(['sig-a', 'sig-b', 'sig-c']);
    expect(calls).toEqual(['many:a,b,c']);
  });

  it('a document that leaves does not hold the others', async () => {
    const { signer, calls } = fakeSigner(true);
    const c = collectSignatures(signer, 3);
    const a = c.signer.sign(Buffer.from('a'));
    const b = c.signer.sign(Buffer.from('b'));
    c.leave();
    expect((await Promise.all([a, b])).map((x) => x.toString())).toEqual(['sig-a', 'sig-b']);
    expect(calls).toEqual(['many:a,b']);
  });

  it('without signMany (a token, a .p12) signs in turn on the same signer', async () => {
    const { signer, calls } = fakeSigner(false);
    const c = collectSignatures(signer, 2);
    await Promise.all(['a', 'b'].map((x) => c.signer.sign(Buffer.from(x))));
    expect(calls).toEqual(['sign:a', 'sign:b']);
  });

  it('a refusal of the batch reaches every document', async () => {
    const { signer } = fakeSigner(true);
    signer.signMany = async () => {
      throw new Error('rejected');
    };
    const c = collectSignatures(signer, 2);
    const results = await Promise.allSettled(['a', 'b'].map((x) => c.signer.sign(Buffer.from(x))));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
