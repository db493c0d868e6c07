/**
 * The file back-end: a .p12/.pfx file (as a Vietnamese CA issues it, or exported from a USB
 * token's software) and its password. The file is opened in pure JS (read-pkcs12.ts) and the key
 * stays in memory as a Node KeyObject.
 */
import { type KeyObject, sign as cryptoSign } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { readPkcs12 } from './read-pkcs12.ts';
import { type Pkcs12SignerConfig, type SignatureAlgorithm, type Signer, SigningError } from './signer.ts';

export function signatureAlgorithmOf(key: KeyObject): SignatureAlgorithm {
  if (key.asymmetricKeyType === 'rsa') return 'rsa-pkcs1-sha256';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ecdsa-p256-sha256';
  throw new SigningError('Khoá của chứng thư số không được hỗ trợ (chỉ hỗ trợ RSA hoặc ECDSA P-256).', 'unsupported');
}

/** Opens the file now (a wrong password fails here, before any PDF is touched). */
export async function createPkcs12Signer(config: Omit<Pkcs12SignerConfig, 'backend'>): Promise<Signer> {
  let file: Buffer;
  try {
    file = typeof config.file === 'string' ? await readFile(config.file) : config.file;
  } catch (error) {
    throw new SigningError(`Không đọc được tệp chứng thư số: ${String(config.file)}.`, 'bad_file', { cause: error });
  }
  const { privateKey, certificates } = readPkcs12(file, config.password);
  const algorithm = signatureAlgorithmOf(privateKey);
  return {
    backend: 'pkcs12',
    certificateChain: async () => certificates.map((c) => Buffer.from(c)),
    signatureAlgorithm: async () => algorithm,
    sign: async (data) => cryptoSign('sha256', data, algorithm === 'ecdsa-p256-sha256' ? { key: privateKey, dsaEncoding: 'der' } : privateKey),
  };
}
