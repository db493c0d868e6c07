/** Certificates as PEM text and back (a PEM file may hold a chain; a file without PEM is one DER certificate). */

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;

/** The DER certificates of PEM text (every CERTIFICATE block), or the bytes as one DER certificate. */
export function derCertificatesOf(bytes: Buffer): Buffer[] {
  const text = bytes.toString('latin1');
  if (!text.includes('-----BEGIN CERTIFICATE-----')) return [bytes];
  return [...text.matchAll(PEM_CERTIFICATE)].map((m) => Buffer.from(m[1].replace(/\s/g, ''), 'base64'));
}

/** A DER certificate as PEM text. */
export function certificatePem(der: Buffer): string {
  return `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}
