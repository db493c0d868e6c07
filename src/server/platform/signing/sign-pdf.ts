/**
 * Signs a PDF: appends a signature field with @signpdf/placeholder-plain as an incremental update
 * (our writer's PDFs have plain xref tables), then fills its /Contents with a detached CMS
 * over the /ByteRange. Earlier signatures stay valid because nothing before the end of the file
 * changes, so a transcript can be signed in order: homeroom teacher → principal → school seal.
 */
import { checkCertificateValidAt } from '../../../domain/documents/certificate-validity.ts';
import { randomBytes } from 'node:crypto';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { sha256 } from '../sha256.ts';
import { signDetachedDigest } from './cms.ts';
import { describeCertificate } from './describe-certificate.ts';
import { type Signer, SigningError } from './signer.ts';

export const SUBFILTER_PKCS7 = 'adbe.pkcs7.detached';
export const SUBFILTER_CADES = 'ETSI.CAdES.detached';

export interface SignPdfOptions {
  /** e.g. "Giáo viên chủ nhiệm xác nhận học bạ". */
  reason: string;
  /** The signer's name as shown by PDF readers (usually the certificate's CN). */
  name: string;
  /** e.g. "Mỹ Hào, Hưng Yên". */
  location: string;
  contactInfo?: string;
  /** The caller's clock; written to /M and the CMS signingTime attribute. */
  signingTime: Date;
  /**
   * adbe.pkcs7.detached (default; CMS with signingTime) or ETSI.CAdES.detached (PAdES baseline
   * B-B: the signing time is only /M, as ETSI EN 319 142-1 requires).
   */
  subFilter?: typeof SUBFILTER_PKCS7 | typeof SUBFILTER_CADES;
  /** Bytes reserved for the CMS; default fits the chain (at least 8 KiB). */
  signatureLength?: number;
}

const BYTE_RANGE_PLACEHOLDER = '/ByteRange [0 /********** /********** /**********]';

/** The reserved size: the certificates, the signer info and ample room for attributes. */
function reservedLength(chain: Buffer[]): number {
  const certificates = chain.reduce((sum, c) => sum + c.length, 0);
  return Math.max(8192, Math.ceil((certificates + 4096) / 1024) * 1024);
}

export interface PlaceholderPosition {
  byteRange: [number, number, number, number];
  /** Offsets of the ByteRange placeholder text (to overwrite). */
  byteRangeStart: number;
  byteRangeEnd: number;
  /** Offsets of the hex digits between < and >. */
  contentsStart: number;
  contentsEnd: number;
}

/** Finds the last (just appended) signature placeholder and computes its /ByteRange. */
export function findPlaceholder(pdf: Buffer): PlaceholderPosition {
  const byteRangeStart = pdf.lastIndexOf(BYTE_RANGE_PLACEHOLDER);
  if (byteRangeStart < 0) throw new Error('signature placeholder not found');
  const byteRangeEnd = byteRangeStart + BYTE_RANGE_PLACEHOLDER.length;
  const contentsTag = pdf.indexOf('/Contents <', byteRangeEnd);
  if (contentsTag < 0) throw new Error('signature /Contents not found');
  const open = pdf.indexOf('<', contentsTag);
  const close = pdf.indexOf('>', open);
  const byteRange: PlaceholderPosition['byteRange'] = [0, open, close + 1, pdf.length - (close + 1)];
  return { byteRange, byteRangeStart, byteRangeEnd, contentsStart: open + 1, contentsEnd: close };
}

/**
 * @signpdf/placeholder-plain writes text entries through Buffer.from(string) (UTF-8), which mangles
 * the UTF-16 it makes for non-ASCII text. So it gets same-length ASCII tokens, and the tokens are
 * then overwritten by the UTF-16BE hex strings: `(token)` and `<FEFF…>` have the same length, so
 * no offset in the appended xref table moves.
 */
function textTokens(values: Record<string, string>): { tokens: Record<string, string>; replacements: Array<[string, string]> } {
  const tokens: Record<string, string> = {};
  const replacements: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(values)) {
    if (value === '') {
      tokens[key] = '';
      continue;
    }
    const hex = `FEFF${Buffer.from(value, 'utf16le').swap16().toString('hex').toUpperCase()}`;
    const token = Array.from(randomBytes(hex.length), (b) => String.fromCharCode(65 + (b % 26))).join('');
    tokens[key] = token;
    replacements.push([`(${token})`, `<${hex}>`]);
  }
  return { tokens, replacements };
}

/** Adds one signature (an incremental update) and returns the new PDF. */
export async function signPdf(pdf: Buffer, signer: Signer, options: SignPdfOptions): Promise<Buffer> {
  const chain = await signer.certificateChain();
  const signingTime = new Date(Math.floor(options.signingTime.getTime() / 1000) * 1000);
  const certificate = describeCertificate(chain[0]);
  const validity = checkCertificateValidAt(certificate, signingTime);
  if (!validity.ok) throw new SigningError(`${validity.message} Không thể ký vào lúc này.`, 'certificate_expired');
  const subFilter = options.subFilter ?? SUBFILTER_PKCS7;
  const signatureLength = options.signatureLength ?? reservedLength(chain);
  const { tokens, replacements } = textTokens({ reason: options.reason, contactInfo: options.contactInfo ?? '', name: options.name, location: options.location });
  let prepared: Buffer;
  try {
    prepared = plainAddPlaceholder({
      pdfBuffer: pdf,
      reason: tokens.reason,
      contactInfo: tokens.contactInfo,
      name: tokens.name,
      location: tokens.location,
      signingTime,
      signatureLength,
      subFilter,
    });
  } catch (error) {
    throw new SigningError('Không thêm được chữ ký vào tệp PDF (tệp PDF không đúng định dạng hỗ trợ).', 'bad_file', { cause: error });
  }

  for (const [token, hex] of replacements) {
    const at = prepared.indexOf(token, pdf.length - 2);
    if (at < 0) throw new Error('text token not found in the signature dictionary');
    prepared.write(hex, at, 'latin1');
  }

  const place = findPlaceholder(prepared);
  const [, a, b, c] = place.byteRange;
  const byteRangeText = `/ByteRange [0 ${a} ${b} ${c}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' ');
  prepared.write(byteRangeText, place.byteRangeStart, 'latin1');

  const digest = sha256(prepared.subarray(0, a), prepared.subarray(b, b + c));
  const cms = await signDetachedDigest(digest, signer, { signingTime, includeSigningTime: subFilter === SUBFILTER_PKCS7 });
  const hex = cms.toString('hex');
  const room = place.contentsEnd - place.contentsStart;
  if (hex.length > room) {
    throw new SigningError(`Chữ ký số (${cms.length} byte) lớn hơn chỗ dành sẵn trong PDF (${room / 2} byte).`, 'unsupported');
  }
  prepared.write(hex.padEnd(room, '0'), place.contentsStart, 'latin1');
  return prepared;
}
