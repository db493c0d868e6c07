/**
 * Opens a PKCS#12 (.p12/.pfx) file in pure JS with asn1js and Node's crypto: checks the MAC
 * (the password), decrypts the bags (PBES2 with PBKDF2 + AES/3DES as OpenSSL 3 writes them, and
 * the older PKCS#12 PBE with 3DES or RC2 that Windows and OpenSSL 1.x write) and returns the
 * private key and the certificates, the signer's certificate first.
 *
 * The certificates are returned byte for byte as stored: nothing re-encodes the names (unlike
 * node-forge, which rewrites Vietnamese UTF8String names and breaks every signature over them).
 */
import { X509Certificate, createDecipheriv, createHash, createHmac, createPrivateKey, createPublicKey, pbkdf2Sync, timingSafeEqual, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import { rc2CbcDecrypt } from './rc2.ts';
import { SigningError } from './signer.ts';

export interface Pkcs12Contents {
  privateKey: KeyObject;
  /** DER, the certificate of the private key first, then its issuers in order. */
  certificates: Buffer[];
}

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
};

const HASHES: Record<string, { name: string; size: number; block: number }> = {
  '1.3.14.3.2.26': { name: 'sha1', size: 20, block: 64 },
  '2.16.840.1.101.3.4.2.1': { name: 'sha256', size: 32, block: 64 },
  '2.16.840.1.101.3.4.2.2': { name: 'sha384', size: 48, block: 128 },
  '2.16.840.1.101.3.4.2.3': { name: 'sha512', size: 64, block: 128 },
};
const HMAC_PRFS: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};
const PBES2_CIPHERS: Record<string, { name: string; keyLength: number }> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLength: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLength: 24 },
};
/** PKCS#12 PBE (RFC 7292 appendix C): key length, IV length, cipher. */
const PKCS12_PBES: Record<string, { keyLength: number; ivLength: number; cipher: 'des-ede3-cbc' | 'rc2' }> = {
  '1.2.840.113549.1.12.1.3': { keyLength: 24, ivLength: 8, cipher: 'des-ede3-cbc' },
  '1.2.840.113549.1.12.1.4': { keyLength: 16, ivLength: 8, cipher: 'des-ede3-cbc' },
  '1.2.840.113549.1.12.1.5': { keyLength: 16, ivLength: 8, cipher: 'rc2' },
  '1.2.840.113549.1.12.1.6': { keyLength: 5, ivLength: 8, cipher: 'rc2' },
};

const badFile = (detail: string) => new SigningError(`Tệp chứng thư số (.p12/.pfx) không hợp lệ: ${detail}.`, 'bad_file');
const badPassword = () => new SigningError('Sai mật khẩu của tệp chứng thư số (.p12/.pfx).', 'bad_password');

type Node = asn1js.AsnType;

function parse(der: Uint8Array): Node {
  const { offset, result } = asn1js.fromBER(der);
  if (offset === -1) throw badFile('không đọc được cấu trúc ASN.1');
  return result;
}

function children(node: Node | undefined): Node[] {
  const value = (node as { valueBlock?: { value?: unknown } } | undefined)?.valueBlock?.value;
  return Array.isArray(value) ? (value as Node[]) : [];
}

/** The bytes of an OCTET STRING or an IMPLICIT-tagged one, primitive or constructed (BER). */
function octets(node: Node | undefined): Buffer {
  if (!node) throw badFile('thiếu dữ liệu');
  if (node.idBlock.isConstructed) return Buffer.concat(children(node).map(octets));
  const block = (node as { valueBlock: { valueHexView?: Uint8Array } }).valueBlock;
  return Buffer.from(block.valueHexView ?? new Uint8Array());
}

function oid(node: Node | undefined): string {
  if (!(node instanceof asn1js.ObjectIdentifier)) throw badFile('thiếu mã định danh thuật toán');
  return node.valueBlock.toString();
}

function integer(node: Node | undefined, fallback: number): number {
  return node instanceof asn1js.Integer ? node.valueBlock.valueDec : fallback;
}

/** The PKCS#12 key derivation of RFC 7292 appendix B (id 1 key, 2 IV, 3 MAC key). */
function pkcs12Kdf(password: string, salt: Buffer, id: number, iterations: number, length: number, hash: { name: string; size: number; block: number }): Buffer {
  const v = hash.block;
  const pass = password.length > 0 ? Buffer.concat([Buffer.from(password, 'utf16le').swap16(), Buffer.alloc(2)]) : Buffer.alloc(0);
  const repeat = (b: Buffer) => {
    const len = v * Math.ceil(b.length / v);
    const out = Buffer.alloc(len);
    for (let i = 0; i < len; i++) out[i] = b[i % b.length];
    return out;
  };
  const i = Buffer.concat([salt.length ? repeat(salt) : Buffer.alloc(0), pass.length ? repeat(pass) : Buffer.alloc(0)]);
  const d = Buffer.alloc(v, id);
  const result: Buffer[] = [];
  for (let produced = 0; produced < length; produced += hash.size) {
    let a = createHash(hash.name).update(d).update(i).digest();
    for (let r = 1; r < iterations; r++) a = createHash(hash.name).update(a).digest();
    result.push(a);
    const b = repeat(a);
    for (let j = 0; j < i.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = i[j + k] + b[k] + carry;
        i[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(result).subarray(0, length);
}

/** Decrypts with the AlgorithmIdentifier of an EncryptedPrivateKeyInfo or EncryptedContentInfo. */
function decrypt(algorithm: Node, data: Buffer, password: string): Buffer {
  const [algOid, params] = children(algorithm);
  const id = oid(algOid);
  try {
    if (id === OID.pbes2) {
      const [kdf, scheme] = children(params);
      const [kdfOid, kdfParams] = children(kdf);
      if (oid(kdfOid) !== OID.pbkdf2) throw new SigningError('Tệp .p12 dùng hàm dẫn xuất khoá chưa hỗ trợ.', 'unsupported');
      const [salt, iterations, third, fourth] = children(kdfParams);
      const keyLengthNode = third instanceof asn1js.Integer ? third : undefined;
      const prfNode = third instanceof asn1js.Sequence ? third : fourth;
      const prf = prfNode ? HMAC_PRFS[oid(children(prfNode)[0])] : 'sha1';
      const [cipherOid, iv] = children(scheme);
      const cipher = PBES2_CIPHERS[oid(cipherOid)];
      if (!cipher || !prf) throw new SigningError('Tệp .p12 dùng thuật toán mã hoá chưa hỗ trợ.', 'unsupported');
      const keyLength = keyLengthNode ? integer(keyLengthNode, cipher.keyLength) : cipher.keyLength;
      const key = pbkdf2Sync(Buffer.from(password, 'utf8'), octets(salt), integer(iterations, 1), keyLength, prf);
      const decipher = createDecipheriv(cipher.name, key, octets(iv));
      return Buffer.concat([decipher.update(data), decipher.final()]);
    }
    const pbe = PKCS12_PBES[id];
    if (!pbe) throw new SigningError(`Tệp .p12 dùng thuật toán mã hoá chưa hỗ trợ (${id}).`, 'unsupported');
    const [salt, iterations] = children(params);
    const sha1 = HASHES['1.3.14.3.2.26'];
    const key = pkcs12Kdf(password, octets(salt), 1, integer(iterations, 1), pbe.keyLength, sha1);
    const iv = pkcs12Kdf(password, octets(salt), 2, integer(iterations, 1), pbe.ivLength, sha1);
    if (pbe.cipher === 'rc2') return rc2CbcDecrypt(key, pbe.keyLength * 8, iv, data);
    const des = pbe.keyLength === 16 ? Buffer.concat([key, key.subarray(0, 8)]) : key;
    const decipher = createDecipheriv('des-ede3-cbc', des, iv);
    return Buffer.concat([decipher.update(data), decipher.final()]);
  } catch (error) {
    if (error instanceof SigningError) throw error;
    throw badPassword();
  }
}

/** Checks the HMAC of the PFX (the usual way a wrong password shows). */
function verifyMac(macData: Node, authSafe: Buffer, password: string): void {
  const [digestInfo, macSalt, iterations] = children(macData);
  const [digestAlgorithm, digest] = children(digestInfo);
  const hash = HASHES[oid(children(digestAlgorithm)[0])];
  if (!hash) throw new SigningError('Tệp .p12 dùng thuật toán MAC chưa hỗ trợ.', 'unsupported');
  const key = pkcs12Kdf(password, octets(macSalt), 3, integer(iterations, 1), hash.size, hash);
  const expected = octets(digest);
  const actual = createHmac(hash.name, key).update(authSafe).digest();
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) throw badPassword();
}

function issuedBy(subject: X509Certificate, issuer: X509Certificate): boolean {
  return subject.checkIssued(issuer);
}

/** Reads the file; throws SigningError (Vietnamese) for a wrong password or a broken file. */
export function readPkcs12(file: Buffer, password: string): Pkcs12Contents {
  const [, authSafeInfo, macData] = children(parse(file));
  const [contentType, content] = children(authSafeInfo);
  if (!content || oid(contentType) !== OID.data) throw badFile('thiếu phần dữ liệu');
  const authSafe = octets(children(content)[0]);
  if (macData) verifyMac(macData, authSafe, password);

  const keys: KeyObject[] = [];
  const certificates: Buffer[] = [];
  const readBags = (safeContents: Buffer) => {
    for (const bag of children(parse(safeContents))) {
      const [bagId, bagValue] = children(bag);
      const value = children(bagValue)[0];
      switch (oid(bagId)) {
        case OID.keyBag:
          keys.push(createPrivateKey({ key: Buffer.from(value.toBER()), format: 'der', type: 'pkcs8' }));
          break;
        case OID.shroudedKeyBag: {
          const [algorithm, encrypted] = children(value);
          const pkcs8 = decrypt(algorithm, octets(encrypted), password);
          keys.push(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }));
          break;
        }
        case OID.certBag: {
          const [certId, certValue] = children(value);
          if (oid(certId) === OID.x509Certificate) certificates.push(octets(children(certValue)[0]));
          break;
        }
        default:
          break; // CRL and secret bags are not used for signing
      }
    }
  };
  for (const info of children(parse(authSafe))) {
    const [type, body] = children(info);
    const inner = children(body)[0];
    if (oid(type) === OID.data) readBags(octets(inner));
    else if (oid(type) === OID.encryptedData) {
      const [, encryptedContentInfo] = children(inner);
      const [, algorithm, encryptedContent] = children(encryptedContentInfo);
      readBags(decrypt(algorithm, octets(encryptedContent), password));
    }
  }
  if (keys.length === 0) throw new SigningError('Tệp chứng thư số không chứa khoá bí mật.', 'no_key');
  if (certificates.length === 0) throw new SigningError('Tệp chứng thư số không chứa chứng thư.', 'no_certificate');

  const parsed = certificates.map((der) => ({ der, cert: new X509Certificate(der) }));
  for (const privateKey of keys) {
    const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
    const own = parsed.find((p) => p.cert.publicKey.export({ type: 'spki', format: 'der' }).equals(spki));
    if (!own) continue;
    const chain = [own];
    for (;;) {
      const last = chain[chain.length - 1];
      const issuer = parsed.find((p) => !chain.includes(p) && issuedBy(last.cert, p.cert));
      if (!issuer) break;
      chain.push(issuer);
    }
    return { privateKey, certificates: chain.map((p) => p.der) };
  }
  throw new SigningError('Khoá bí mật trong tệp không khớp với chứng thư nào trong tệp.', 'no_certificate');
}
