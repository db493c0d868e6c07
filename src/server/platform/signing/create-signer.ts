/**
 * createSigner(config): one entry point for the three back-ends, on a discriminated union; and
 * signerConfigFromEnv(): the same configuration from environment variables (a school that keeps
 * its seal certificate on the server configures it once, outside the database).
 */
import { createPkcs11Signer } from './pkcs11-signer.ts';
import { createPkcs12Signer } from './pkcs12-signer.ts';
import { type RemoteSignerOptions, createRemoteSigner } from './remote-signer.ts';
import { type Signer, type SignerConfig, SigningError } from './signer.ts';

/** Opens the back-end (checks the password/PIN/token now); call signer.close?.() when done. */
export async function createSigner(config: SignerConfig, remoteOptions?: RemoteSignerOptions): Promise<Signer> {
  switch (config.backend) {
    case 'pkcs12':
      return createPkcs12Signer(config);
    case 'pkcs11':
      return createPkcs11Signer(config);
    case 'remote':
      return createRemoteSigner(config, remoteOptions);
    default:
      throw new SigningError(`Phương thức ký số không được hỗ trợ: ${(config as { backend: string }).backend}.`, 'unsupported');
  }
}

/**
 * Reads `<PREFIX>_BACKEND` (pkcs12 | pkcs11 | remote) and that back-end's variables, e.g. with the
 * default prefix SODIEM_SIGNING:
 *   pkcs12: SODIEM_SIGNING_P12_FILE, SODIEM_SIGNING_P12_PASSWORD
 *   pkcs11: SODIEM_SIGNING_PKCS11_MODULE, SODIEM_SIGNING_PKCS11_TOKEN_LABEL | _SLOT, SODIEM_SIGNING_PKCS11_PIN,
 *           SODIEM_SIGNING_PKCS11_KEY_LABEL, SODIEM_SIGNING_PKCS11_KEY_ID, SODIEM_SIGNING_PKCS11_CERT_FILE,
 *           SODIEM_SIGNING_PKCS11_CHAIN_FILE
 *   remote: SODIEM_SIGNING_REMOTE_URL, SODIEM_SIGNING_REMOTE_TOKEN, SODIEM_SIGNING_REMOTE_CREDENTIAL,
 *           SODIEM_SIGNING_REMOTE_TIMEOUT_MS
 * Returns null when `<PREFIX>_BACKEND` is unset.
 */
export function signerConfigFromEnv(env: NodeJS.ProcessEnv = process.env, prefix = 'SODIEM_SIGNING'): SignerConfig | null {
  const get = (name: string) => env[`${prefix}_${name}`]?.trim() || undefined;
  const need = (name: string) => {
    const value = get(name);
    if (value === undefined) throw new SigningError(`Thiếu biến môi trường ${prefix}_${name} cho cấu hình ký số.`, 'unsupported');
    return value;
  };
  const backend = get('BACKEND');
  if (!backend) return null;
  switch (backend) {
    case 'pkcs12':
      return { backend, file: need('P12_FILE'), password: env[`${prefix}_P12_PASSWORD`] ?? '' };
    case 'pkcs11': {
      const slot = get('PKCS11_SLOT');
      const chain = get('PKCS11_CHAIN_FILE');
      return {
        backend,
        modulePath: need('PKCS11_MODULE'),
        tokenLabel: get('PKCS11_TOKEN_LABEL'),
        slotIndex: slot === undefined ? undefined : Number(slot),
        pin: need('PKCS11_PIN'),
        keyLabel: get('PKCS11_KEY_LABEL'),
        keyId: get('PKCS11_KEY_ID'),
        certificateFile: get('PKCS11_CERT_FILE'),
        extraCertificates: chain ? [chain] : undefined,
      };
    }
    case 'remote': {
      const timeout = get('REMOTE_TIMEOUT_MS');
      return { backend, url: need('REMOTE_URL'), token: need('REMOTE_TOKEN'), credentialId: need('REMOTE_CREDENTIAL'), timeoutMs: timeout ? Number(timeout) : undefined };
    }
    default:
      throw new SigningError(`${prefix}_BACKEND phải là pkcs12, pkcs11 hoặc remote (đang là "${backend}").`, 'unsupported');
  }
}
