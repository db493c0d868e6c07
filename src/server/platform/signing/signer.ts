/**
 * The one interface every signing back-end implements (P5, Q3): a file (.p12/.pfx), a token or
 * HSM over PKCS#11, or a remote-signing service (VNPT SmartCA, Viettel MySign and the like).
 *
 * The CMS and PDF code (cms.ts, sign-pdf.ts) only ever talks to a Signer: it asks for the
 * certificate chain (to embed it and to name the signing certificate in the ESS attribute) and
 * hands over the DER of the signed attributes to be signed. A back-end never sees the PDF.
 */

export type SignerBackend = 'pkcs12' | 'pkcs11' | 'remote';

/** The signature algorithm a signer produces; both use SHA-256. */
export type SignatureAlgorithm = 'rsa-pkcs1-sha256' | 'ecdsa-p256-sha256';

export interface Signer {
  readonly backend: SignerBackend;
  /** DER certificates, the signer's own certificate first, then its issuers (the root optional). */
  certificateChain(): Promise<Buffer[]>;
  /** The algorithm of sign(); RSA PKCS#1 v1.5 unless the key is EC P-256. */
  signatureAlgorithm(): Promise<SignatureAlgorithm>;
  /**
   * Signs the DER of the CMS signed attributes (the SET OF Attribute, tag 0x31) and returns the
   * raw signature: RSA PKCS#1 v1.5 over SHA-256, or for ECDSA the DER Ecdsa-Sig-Value.
   * The back-end hashes the bytes itself (a remote service receives only the hash).
   */
  sign(signedAttributesDer: Buffer): Promise<Buffer>;
  /**
   * Signs several at once, in order (a batch): a remote service gets ONE request and the user
   * approves once. Optional: without it a batch calls sign() in turn on the same session.
   */
  signMany?(signedAttributesDers: Buffer[]): Promise<Buffer[]>;
  /** Releases sessions or connections (PKCS#11 logs out and finalizes); safe to call twice. */
  close?(): Promise<void>;
}

/** The signer's certificate as shown to people (signing page, verification page). */
export interface CertificateDescription {
  /** Subject common name, e.g. "Nguyễn Thị Hương". */
  commonName: string;
  /** Subject organization, e.g. "Trường THCS Lê Quý Đôn" (null when absent). */
  organization: string | null;
  /** The full subject as one line, e.g. "CN=Nguyễn Thị Hương, O=Trường THCS Lê Quý Đôn, C=VN". */
  subject: string;
  /** The issuer as one line. */
  issuer: string;
  /** Issuer common name (null when absent). */
  issuerCommonName: string | null;
  /** Serial number, upper-case hex without separators. */
  serialNumber: string;
  /** SHA-256 of the DER certificate, lower-case hex. */
  sha256: string;
  notBefore: Date;
  notAfter: Date;
}

// The configuration of each back-end (a discriminated union on `backend`), accepted by
// createSigner() in create-signer.ts.

export interface Pkcs12SignerConfig {
  backend: 'pkcs12';
  /** The .p12/.pfx bytes, or a path to read them from. */
  file: Buffer | string;
  password: string;
}

export interface Pkcs11SignerConfig {
  backend: 'pkcs11';
  /** e.g. /usr/lib/softhsm/libsofthsm2.so, or the vendor's driver of a USB token. */
  modulePath: string;
  /** Pick the token by label (preferred) or by slot index in the slot list with a token. */
  tokenLabel?: string;
  slotIndex?: number;
  pin: string;
  /** The private key by CKA_LABEL and/or CKA_ID (hex). At least one, or the only key is used. */
  keyLabel?: string;
  keyId?: string;
  /**
   * The certificate chain as DER buffers or PEM text/path; when absent the certificate with the
   * key's CKA_ID (or label) is read from the token (then only the signer certificate is embedded,
   * plus `extraCertificates`).
   */
  certificateFile?: string | Buffer;
  extraCertificates?: Array<string | Buffer>;
}

export interface RemoteSignerConfig {
  backend: 'remote';
  /** Base URL of the service, e.g. https://ky-so.example.vn/api/v1 */
  url: string;
  /** The bearer token issued to the school for this credential. */
  token: string;
  /** The credential (certificate) to sign with at the service. */
  credentialId: string;
  /** Per-request timeout in milliseconds (default 30 000; a user approving on a phone may be slow). */
  timeoutMs?: number;
}

export type SignerConfig = Pkcs12SignerConfig | Pkcs11SignerConfig | RemoteSignerConfig;

/** A signing failure with a Vietnamese message fit to show to the user. */
export class SigningError extends Error {
  constructor(
    message: string,
    readonly code: SigningErrorCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SigningError';
  }
}

export type SigningErrorCode =
  | 'bad_password'
  | 'bad_file'
  | 'no_key'
  | 'no_certificate'
  | 'certificate_expired'
  | 'token_not_found'
  | 'bad_pin'
  | 'unauthorized'
  | 'credential_not_found'
  | 'service_unavailable'
  | 'timeout'
  | 'rejected'
  | 'bad_response'
  | 'unsupported';
