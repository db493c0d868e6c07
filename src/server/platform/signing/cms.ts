/**
 * Detached CMS SignedData (RFC 5652) built with pkijs, as a PDF signature's /Contents holds it:
 * no encapsulated content, SHA-256, the certificate chain embedded, and the signed attributes
 * contentType, messageDigest, signingTime (optional) and the ESS signingCertificateV2 (RFC 5035)
 * that binds the signer's certificate and makes the signature PAdES (CAdES) compatible.
 *
 * The private key never comes here: the Signer signs the DER of the signed attributes.
 */
import { sha256 } from '../sha256.ts';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { SignatureAlgorithm, Signer } from './signer.ts';

export const OIDS = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
} as const;

export interface SignDetachedOptions {
  /** The signingTime attribute: the caller's clock (never the wall clock here). */
  signingTime: Date;
  /** PAdES baseline signatures (ETSI.CAdES.detached) must not carry signingTime: pass false. */
  includeSigningTime?: boolean;
}

function attribute(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

/** SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } with SHA-256 (the default, so omitted). */
function signingCertificateV2(certificateDer: Buffer, certificate: pkijs.Certificate): asn1js.Sequence {
  const issuerSerial = new asn1js.Sequence({
    value: [
      // GeneralNames with one directoryName [4] (EXPLICIT: Name is a CHOICE).
      new asn1js.Sequence({ value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [certificate.issuer.toSchema()] })] }),
      new asn1js.Integer({ valueHex: certificate.serialNumber.valueBlock.valueHexView.slice().buffer }),
    ],
  });
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: new Uint8Array(sha256(certificateDer)) }), issuerSerial],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

function signatureAlgorithmIdentifier(algorithm: SignatureAlgorithm): pkijs.AlgorithmIdentifier {
  return algorithm === 'ecdsa-p256-sha256'
    ? new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.ecdsaWithSha256 })
    : new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.rsaEncryption, algorithmParams: new asn1js.Null() });
}

/** Sorts the attributes by their DER encoding, as DER requires of a SET OF. */
function sortedForDer(attributes: pkijs.Attribute[]): pkijs.Attribute[] {
  const encoded = attributes.map((a) => ({ a, der: Buffer.from(a.toSchema().toBER()) }));
  return encoded.sort((x, y) => Buffer.compare(x.der, y.der)).map((x) => x.a);
}

/**
 * Signs the SHA-256 digest of content the caller already hashed (a PDF's byte ranges, streamed).
 * Returns the DER of a ContentInfo with a detached SignedData.
 */
export async function signDetachedDigest(digest: Buffer, signer: Signer, options: SignDetachedOptions): Promise<Buffer> {
  const chain = await signer.certificateChain();
  if (chain.length === 0) throw new Error('signer has no certificate');
  const certificates = chain.map((der) => pkijs.Certificate.fromBER(new Uint8Array(der)));
  const own = certificates[0];
  const algorithm = await signer.signatureAlgorithm();

  const attributes = [
    attribute(OIDS.contentType, new asn1js.ObjectIdentifier({ value: OIDS.data })),
    attribute(OIDS.messageDigest, new asn1js.OctetString({ valueHex: new Uint8Array(digest) })),
    attribute(OIDS.signingCertificateV2, signingCertificateV2(chain[0], own)),
  ];
  if (options.includeSigningTime !== false) {
    const at = new Date(Math.floor(options.signingTime.getTime() / 1000) * 1000);
    attributes.push(attribute(OIDS.signingTime, new asn1js.UTCTime({ valueDate: at })));
  }
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: sortedForDer(attributes) });

  // The signature covers the attributes encoded as a SET (tag 0x31), not as the [0] IMPLICIT
  // field they are stored in.
  const toSign = Buffer.from(signedAttrs.toSchema().toBER());
  toSign[0] = 0x31;
  const signature = await signer.sign(toSign);

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: own.issuer, serialNumber: own.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.sha256 }),
    signedAttrs,
    signatureAlgorithm: signatureAlgorithmIdentifier(algorithm),
    signature: new asn1js.OctetString({ valueHex: new Uint8Array(signature) }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OIDS.data }),
    certificates,
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OIDS.signedData, content: signedData.toSchema() });
  return Buffer.from(contentInfo.toSchema().toBER());
}

/** A detached CMS signature (DER ContentInfo) over `data`. */
export async function signDetached(data: Buffer, signer: Signer, options: SignDetachedOptions): Promise<Buffer> {
  return signDetachedDigest(sha256(data), signer, options);
}
