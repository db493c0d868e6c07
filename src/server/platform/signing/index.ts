/** The digital-signing building blocks (P5, Q3); see docs/signing.md. */
export type { CertificateDescription, Pkcs11SignerConfig, Pkcs12SignerConfig, RemoteSignerConfig, SignatureAlgorithm, Signer, SignerBackend, SignerConfig, SigningErrorCode } from './signer.ts';
export { SigningError } from './signer.ts';
export { createSigner, signerConfigFromEnv } from './create-signer.ts';
export { createPkcs12Signer } from './pkcs12-signer.ts';
export { createPkcs11Signer } from './pkcs11-signer.ts';
export { createRemoteSigner, type RemoteSignerOptions } from './remote-signer.ts';
export { readPkcs12, type Pkcs12Contents } from './read-pkcs12.ts';
export { signDetached, signDetachedDigest, type SignDetachedOptions } from './cms.ts';
export { signPdf, SUBFILTER_CADES, SUBFILTER_PKCS7, type SignPdfOptions } from './sign-pdf.ts';
export { verifyPdfSignatures, type PdfSignatureVerification, type VerifyPdfOptions } from './verify-pdf.ts';
export { describeCertificate, describeSignerCertificate, formatName } from './describe-certificate.ts';
export { assessCertificate, type CertificateTrust } from './certificate-trust.ts';
export { checkRevocation, type RevocationStatus } from './revocation.ts';
export { fileTrustStore, memoryTrustStore, type TrustStore } from './trust-store.ts';
export { trustConfigFromEnv, type TrustConfig } from './trust-config.ts';
export { verifyDetachedSignature, type SignatureCheck } from './verify-detached-signature.ts';
