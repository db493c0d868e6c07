/**
 * The token back-end: a USB token or HSM through its PKCS#11 module (pkcs11js). The key never
 * leaves the token; we log in with the PIN, find the key by label and/or id, and sign with
 * CKM_SHA256_RSA_PKCS (or CKM_ECDSA over a SHA-256 hash for P-256 keys). The certificate comes
 * from the token (same CKA_ID as the key) or from a file.
 *
 * A module is loaded and initialized once per process (PKCS#11 allows one C_Initialize), shared
 * by every signer on it; the last close() finalizes it.
 */
import { sha256, sha256Hex } from '../sha256.ts';
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as asn1js from 'asn1js';
import pkcs11js from 'pkcs11js';
import { derCertificatesOf } from './pem.ts';
import { type Pkcs11SignerConfig, type SignatureAlgorithm, type Signer, SigningError } from './signer.ts';

interface LoadedModule {
  pkcs11: pkcs11js.PKCS11;
  users: number;
  /**
   * SHA-256 of the PIN that logged in to each token (by label): login is per token and process,
   * so a second signer on a logged-in token must still prove the same PIN.
   */
  loginPins: Map<string, string>;
}
const modules = new Map<string, LoadedModule>();

function loadModule(path: string): LoadedModule {
  let loaded = modules.get(path);
  if (!loaded) {
    const pkcs11 = new pkcs11js.PKCS11();
    try {
      pkcs11.load(path);
      pkcs11.C_Initialize();
    } catch (error) {
      throw new SigningError(`Không nạp được thư viện PKCS#11 của thiết bị ký số (${path}).`, 'token_not_found', { cause: error });
    }
    loaded = { pkcs11, users: 0, loginPins: new Map() };
    modules.set(path, loaded);
  }
  loaded.users++;
  return loaded;
}

function releaseModule(path: string): void {
  const loaded = modules.get(path);
  if (!loaded || --loaded.users > 0) return;
  modules.delete(path);
  try {
    loaded.pkcs11.C_Finalize();
    loaded.pkcs11.close();
  } catch {
    // already finalized
  }
}

function pkcs11Code(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** PEM or DER (text or file) → DER certificates. */
async function certificatesFrom(source: string | Buffer): Promise<Buffer[]> {
  let bytes: Buffer;
  if (Buffer.isBuffer(source)) bytes = source;
  else if (source.includes('-----BEGIN')) bytes = Buffer.from(source);
  else {
    try {
      bytes = await readFile(source);
    } catch (error) {
      throw new SigningError(`Không đọc được tệp chứng thư số: ${source}.`, 'no_certificate', { cause: error });
    }
  }
  return derCertificatesOf(bytes);
}

/** r||s (PKCS#11 ECDSA output) → DER Ecdsa-Sig-Value. */
function ecdsaRawToDer(raw: Buffer): Buffer {
  const half = raw.length / 2;
  const integer = (b: Buffer) => new asn1js.Integer({ valueHex: new Uint8Array(b[0] & 0x80 ? Buffer.concat([Buffer.alloc(1), b]) : b) });
  const trim = (b: Buffer) => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0 && !(b[i + 1] & 0x80)) i++;
    return b.subarray(i);
  };
  return Buffer.from(new asn1js.Sequence({ value: [integer(trim(raw.subarray(0, half))), integer(trim(raw.subarray(half)))] }).toBER());
}

/** Opens a session on the token, logs in and finds the key (a wrong PIN fails here). */
export async function createPkcs11Signer(config: Omit<Pkcs11SignerConfig, 'backend'>): Promise<Signer> {
  const loaded = loadModule(config.modulePath);
  const { pkcs11 } = loaded;
  let session: Buffer | null = null;
  let held = true;
  const close = async () => {
    if (session) {
      try {
        pkcs11.C_CloseSession(session);
      } catch {
        // the token may be gone
      }
    }
    session = null;
    if (held) releaseModule(config.modulePath);
    held = false;
  };
  try {
    const slots = pkcs11.C_GetSlotList(true);
    const slot =
      config.tokenLabel !== undefined
        ? slots.find((s) => pkcs11.C_GetTokenInfo(s).label.trim() === config.tokenLabel)
        : slots[config.slotIndex ?? 0];
    if (!slot) {
      throw new SigningError(
        config.tokenLabel !== undefined ? `Không tìm thấy thiết bị ký số (token) có nhãn "${config.tokenLabel}". Hãy cắm thiết bị và thử lại.` : 'Không tìm thấy thiết bị ký số (token). Hãy cắm thiết bị và thử lại.',
        'token_not_found',
      );
    }
    session = pkcs11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
    const tokenKey = pkcs11.C_GetTokenInfo(slot).label.trim();
    const pinHash = sha256Hex(config.pin);
    try {
      pkcs11.C_Login(session, pkcs11js.CKU_USER, config.pin);
      loaded.loginPins.set(tokenKey, pinHash);
    } catch (error) {
      const code = pkcs11Code(error);
      if (code.includes('CKR_USER_ALREADY_LOGGED_IN')) {
        // Another signer of this process logged in to the same token: same PIN required.
        if (loaded.loginPins.get(tokenKey) !== pinHash) throw new SigningError('Sai mã PIN của thiết bị ký số.', 'bad_pin', { cause: error });
      } else if (code.includes('CKR_PIN_LOCKED')) throw new SigningError('Mã PIN của thiết bị ký số đã bị khoá do nhập sai nhiều lần.', 'bad_pin', { cause: error });
      else if (code.includes('CKR_PIN')) throw new SigningError('Sai mã PIN của thiết bị ký số.', 'bad_pin', { cause: error });
      else throw new SigningError('Không đăng nhập được vào thiết bị ký số.', 'bad_pin', { cause: error });
    }
    const s = session;
    const find = (template: pkcs11js.Template): Buffer[] => {
      pkcs11.C_FindObjectsInit(s, template);
      try {
        return pkcs11.C_FindObjects(s, 16);
      } finally {
        pkcs11.C_FindObjectsFinal(s);
      }
    };
    const selector: pkcs11js.Template = [];
    if (config.keyLabel !== undefined) selector.push({ type: pkcs11js.CKA_LABEL, value: config.keyLabel });
    if (config.keyId !== undefined) selector.push({ type: pkcs11js.CKA_ID, value: Buffer.from(config.keyId, 'hex') });
    const keys = find([{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY }, ...selector]);
    if (keys.length === 0) throw new SigningError('Không tìm thấy khoá bí mật trên thiết bị ký số.', 'no_key');
    if (keys.length > 1) throw new SigningError('Thiết bị ký số có nhiều khoá: hãy chỉ rõ nhãn (label) hoặc mã (id) của khoá.', 'no_key');
    const key = keys[0];
    const [keyType, keyId] = pkcs11.C_GetAttributeValue(s, key, [{ type: pkcs11js.CKA_KEY_TYPE }, { type: pkcs11js.CKA_ID }]);
    const isEc = (keyType.value as Buffer).readUInt8(0) === pkcs11js.CKK_EC;
    const algorithm: SignatureAlgorithm = isEc ? 'ecdsa-p256-sha256' : 'rsa-pkcs1-sha256';

    let chain: Buffer[];
    if (config.certificateFile !== undefined) chain = await certificatesFrom(config.certificateFile);
    else {
      const id = keyId.value as Buffer;
      const certs = find([{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE }, ...(id.length ? [{ type: pkcs11js.CKA_ID, value: id }] : selector)]);
      if (certs.length === 0) throw new SigningError('Không tìm thấy chứng thư số của khoá trên thiết bị; hãy cấu hình tệp chứng thư.', 'no_certificate');
      chain = [pkcs11.C_GetAttributeValue(s, certs[0], [{ type: pkcs11js.CKA_VALUE }])[0].value as Buffer];
    }
    for (const extra of config.extraCertificates ?? []) chain.push(...(await certificatesFrom(extra)));
    try {
      new X509Certificate(chain[0]);
    } catch (error) {
      throw new SigningError('Chứng thư số của thiết bị ký số không hợp lệ.', 'no_certificate', { cause: error });
    }

    return {
      backend: 'pkcs11',
      certificateChain: async () => chain.map((c) => Buffer.from(c)),
      signatureAlgorithm: async () => algorithm,
      async sign(data) {
        if (!session) throw new SigningError('Phiên làm việc với thiết bị ký số đã đóng.', 'token_not_found');
        try {
          if (isEc) {
            pkcs11.C_SignInit(session, { mechanism: pkcs11js.CKM_ECDSA }, key);
            const raw = pkcs11.C_Sign(session, sha256(data), Buffer.alloc(132));
            return ecdsaRawToDer(raw);
          }
          pkcs11.C_SignInit(session, { mechanism: pkcs11js.CKM_SHA256_RSA_PKCS }, key);
          return Buffer.from(pkcs11.C_Sign(session, data, Buffer.alloc(1024)));
        } catch (error) {
          throw new SigningError('Thiết bị ký số không ký được (thiết bị bị rút ra hoặc từ chối).', 'rejected', { cause: error });
        }
      },
      close,
    };
  } catch (error) {
    await close();
    throw error instanceof SigningError ? error : new SigningError(`Lỗi thiết bị ký số: ${pkcs11Code(error)}.`, 'token_not_found', { cause: error });
  }
}
