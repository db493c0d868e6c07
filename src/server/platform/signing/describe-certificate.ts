/**
 * Describes a certificate for people: names decoded as Unicode (UTF8String, BMPString,
 * PrintableString…), so "Nguyễn Thị Hương" shows as written, plus serial, fingerprint and
 * validity. Used by the signing page (whose certificate am I using?) and by verify-pdf.ts.
 */
import { sha256Hex } from '../sha256.ts';
import * as pkijs from 'pkijs';
import type { CertificateDescription, Signer } from './signer.ts';

const SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.42': 'GN',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'T',
  '1.2.840.113549.1.9.1': 'E',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
};

export interface NameAttribute {
  /** Short name (CN, O, …) or the OID when unknown. */
  type: string;
  value: string;
}

/** The attributes of a Name in certificate order, values decoded to JS strings. */
export function nameAttributes(name: pkijs.RelativeDistinguishedNames): NameAttribute[] {
  return name.typesAndValues.map((tv) => {
    const block = (tv.value as { valueBlock?: { value?: unknown; valueHexView?: Uint8Array } }).valueBlock;
    const value = typeof block?.value === 'string' ? block.value : `#${Buffer.from(block?.valueHexView ?? []).toString('hex')}`;
    return { type: SHORT_NAMES[tv.type] ?? tv.type, value };
  });
}

/** One line, most specific first: "CN=Nguyễn Thị Hương, O=Trường THCS Lê Quý Đôn, C=VN". */
export function formatName(name: pkijs.RelativeDistinguishedNames): string {
  return nameAttributes(name)
    .reverse()
    .map((a) => `${a.type}=${a.value.replace(/([,+"\\<>;])/g, '\\$1')}`)
    .join(', ');
}

function first(name: pkijs.RelativeDistinguishedNames, type: string): string | null {
  return nameAttributes(name).find((a) => a.type === type)?.value ?? null;
}

export function parseCertificate(der: Buffer | Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(new Uint8Array(der));
}

/** Describes a DER certificate (or an already parsed one with its DER). */
export function describeCertificate(der: Buffer | Uint8Array, parsed: pkijs.Certificate = parseCertificate(der)): CertificateDescription {
  return {
    commonName: first(parsed.subject, 'CN') ?? formatName(parsed.subject),
    organization: first(parsed.subject, 'O'),
    subject: formatName(parsed.subject),
    issuer: formatName(parsed.issuer),
    issuerCommonName: first(parsed.issuer, 'CN'),
    serialNumber: Buffer.from(parsed.serialNumber.valueBlock.valueHexView).toString('hex').toUpperCase(),
    sha256: sha256Hex(der),
    notBefore: parsed.notBefore.value,
    notAfter: parsed.notAfter.value,
  };
}

/** The certificate a signer will sign with, described (for "you are about to sign as …"). */
export async function describeSignerCertificate(signer: Signer): Promise<CertificateDescription> {
  const [own] = await signer.certificateChain();
  return describeCertificate(own);
}
