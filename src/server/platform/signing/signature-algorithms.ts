/** The algorithms of signatures this server checks (CMS, certificates, CRLs, OCSP responses) with Node's crypto. */
import { type KeyObject, verify as cryptoVerify } from 'node:crypto';

/** Digest algorithm OIDs. */
export const HASH_BY_OID: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** Signature algorithm OIDs that name their hash. */
export const SIGNATURE_HASH: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};

/** RSA PKCS#1 v1.5 or ECDSA (DER) over `data` with the signature algorithm's hash; false for an algorithm not in SIGNATURE_HASH. */
export function verifySignedBytes(algorithmOid: string, data: Uint8Array, key: KeyObject, signature: Uint8Array): boolean {
  const hash = SIGNATURE_HASH[algorithmOid];
  return hash ? verifyWithHash(hash, data, key, signature) : false;
}

/** RSA PKCS#1 v1.5 or ECDSA (DER) over `data` with `hash` (a Node digest name). */
export function verifyWithHash(hash: string, data: Uint8Array, key: KeyObject, signature: Uint8Array): boolean {
  try {
    return cryptoVerify(hash, data, key.asymmetricKeyType === 'ec' ? { key, dsaEncoding: 'der' } : key, signature);
  } catch {
    return false;
  }
}
