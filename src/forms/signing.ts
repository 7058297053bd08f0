// Digital signatures on the forms: a PKCS#12 key per unit, a detached PKCS#7 (adbe.pkcs7.detached) signature
// in an incremental update of the rendered PDF, and a verifier that recomputes the digest of the signed
// byte range. The keys made here are self-signed demo certificates: a real unit signs with a certificate
// from a licensed Vietnamese CA, and a PDF reader will show these as "validity unknown".
import crypto from 'node:crypto';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, findByteRange } from '@signpdf/utils';
import forge from 'node-forge';
import type { SignMeta, UnitKey } from './types';

/** forge's OID table by name (its typings allow a missing name; these are all present). */
function oid(name: string): string {
  const value = forge.pki.oids[name];
  if (!value) throw new Error(`forge knows no OID named ${name}`);
  return value;
}

export type GeneratedKey = { p12: Buffer; certificatePem: string; fingerprint: string };

export type Verification = { signed: boolean; signerCN?: string; fingerprint?: string; intact: boolean };

/** The organizational unit of every generated certificate, so no one mistakes it for a CA-issued one. */
export const DEMO_MARK = 'DEMO self-signed certificate - not from a certification authority';

/** SHA-256 of the certificate's DER, as colon-separated upper-case hex (how certificate viewers show it). */
function fingerprintOf(cert: forge.pki.Certificate): string {
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  return crypto.createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)!.join(':');
}

/**
 * A UTF-8 attribute: forge would otherwise write PrintableString, which has no Vietnamese letters. forge
 * encodes the value itself (but hands it back undecoded when reading) and reads `valueTagClass` as the
 * ASN.1 type tag, which its typings call a class.
 */
const utf8 = (shortName: string, value: string): forge.pki.CertificateField => ({
  shortName,
  value,
  valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class,
});

/**
 * A self-signed RSA-2048 certificate for a unit (CN = unit name, O = unit code, OU = the demo mark) and
 * its key, packed as PKCS#12 under the passphrase.
 */
export function generateUnitKey(options: {
  unitName: string;
  unitCode: string;
  validFrom: Date;
  years: number;
  passphrase: string;
}): GeneratedKey {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  // A positive serial of 16 random bytes (RFC 5280 allows up to 20 octets).
  cert.serialNumber = '01' + crypto.randomBytes(15).toString('hex');
  cert.validity.notBefore = options.validFrom;
  const notAfter = new Date(options.validFrom);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + options.years);
  cert.validity.notAfter = notAfter;
  const subject: forge.pki.CertificateField[] = [
    utf8('CN', options.unitName),
    utf8('O', options.unitCode),
    utf8('OU', DEMO_MARK),
    { shortName: 'C', value: 'VN' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], options.passphrase, {
    algorithm: '3des', // read by every PDF tool and OS key store, unlike forge's default AES
    friendlyName: options.unitName,
  });
  return {
    p12: Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'),
    certificatePem: forge.pki.certificateToPem(cert),
    fingerprint: fingerprintOf(cert),
  };
}

/**
 * PKCS#7 signing with a unit's PKCS#12 (what @signpdf/signer-p12 does, plus one fix). forge hands back the
 * UTF8String values of a parsed certificate undecoded but encodes them again when it writes the signer's
 * issuer, so a Vietnamese unit name came out double-encoded and the signature named no certificate
 * (openssl: "signer certificate not found"). The issuer's values are decoded before signing.
 */
class UnitSigner extends Signer {
  constructor(private readonly key: UnitKey) {
    super();
  }

  override async sign(pdf: Buffer, signingTime?: Date): Promise<Buffer> {
    if (!signingTime) throw new TypeError('a signing time is required: the signer never reads the clock');
    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(this.key.p12.toString('binary')), this.key.passphrase);
    const privateKey = p12.getBags({ bagType: oid('pkcs8ShroudedKeyBag') })[oid('pkcs8ShroudedKeyBag')]?.[0]?.key as
      forge.pki.rsa.PrivateKey | undefined;
    const certs = (p12.getBags({ bagType: oid('certBag') })[oid('certBag')] ?? []).flatMap((bag) => (bag.cert ? [bag.cert] : []));
    // A CA-issued store also holds the chain: the signer's certificate is the one with the key's modulus.
    const cert = certs.find((c) => privateKey && (c.publicKey as forge.pki.rsa.PublicKey).n.equals(privateKey.n));
    if (!privateKey || !cert) throw new TypeError('the PKCS#12 holds no RSA key with its certificate');
    for (const attr of cert.issuer.attributes) {
      if ((attr.valueTagClass as number) === forge.asn1.Type.UTF8 && typeof attr.value === 'string')
        attr.value = forge.util.decodeUtf8(attr.value);
    }

    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(pdf.toString('binary'));
    for (const c of certs) p7.addCertificate(c);
    p7.addSigner({
      key: privateKey,
      certificate: cert,
      digestAlgorithm: oid('sha256'),
      // This order (content type, signing time, digest) is the one EU validators (DSS) accept.
      authenticatedAttributes: [
        { type: oid('contentType'), value: oid('data') },
        { type: oid('signingTime'), value: signingTime.toISOString() },
        { type: oid('messageDigest') },
      ],
    });
    p7.sign({ detached: true });
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
  }
}

/**
 * Signs a PDF with a unit's key. A PDF rendered with a signature field (`renderForm(input, { signature })`)
 * is signed in that field, whose reason, name and place were written at render time; any other PDF gets
 * an invisible field in an incremental update, via @signpdf/placeholder-plain. That library writes
 * non-ASCII text strings as UTF-8 where PDF wants UTF-16, which readers show as mojibake, so on that
 * path the reason, name and place are written without diacritics ("Le Van Duc").
 * The signature covers every byte but its own; with the same key, PDF and meta the output is the same
 * bytes (RSA PKCS#1 v1.5 is deterministic and the time is `signedAt`).
 */
export async function signPdf(pdf: Buffer, key: UnitKey, meta: SignMeta): Promise<Buffer> {
  const prepared = findByteRange(pdf).byteRangePlaceholder
    ? pdf
    : plainAddPlaceholder({
        pdfBuffer: pdf,
        reason: ascii(meta.reason),
        name: ascii(meta.signerName),
        location: ascii(meta.location),
        contactInfo: '',
        signingTime: meta.signedAt,
        appName: 'Motcua',
      });
  return new SignPdf().sign(prepared, new UnitSigner(key), meta.signedAt);
}

/** Vietnamese without its marks: "Hạc Thành" → "Hac Thanh" (đ is a letter of its own, not a mark). */
function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '?');
}

const DIGESTS: Record<string, string> = {
  [oid('sha256')]: 'sha256',
  [oid('sha384')]: 'sha384',
  [oid('sha512')]: 'sha512',
};

/** A signature larger than any real one (a real PKCS#7 with its chain is a few KiB): refused before parsing. */
export class SignatureTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`the signature is larger than ${limit} bytes`);
  }
}

/** What verifySignature reads at most: the PKCS#7 bytes of the signature (the default is far above real signatures). */
export const SIGNATURE_MAX_BYTES = 64 * 1024;

/** The last signature's byte range and PKCS#7 bytes, or null when the PDF has none. */
function lastSignature(pdf: Buffer, maxSignatureBytes: number): { range: [number, number, number, number]; pkcs7: Buffer } | null {
  const at = pdf.lastIndexOf('/ByteRange');
  if (at < 0) return null;
  const m = /^\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(pdf.subarray(at, at + 100).toString('latin1'));
  if (!m) return null;
  const range = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] as [number, number, number, number];
  // The gap between the two signed parts is "<hex>": the signature, zero-padded to its reserved length.
  // Its end is where its DER length says, not where the zeros begin: a signature may itself end in zero bytes.
  const gap = pdf.subarray(range[0] + range[1] + 1, range[2] - 1);
  if (gap.length > 2 * maxSignatureBytes) throw new SignatureTooLarge(maxSignatureBytes);
  const bytes = Buffer.from(gap.toString('latin1'), 'hex');
  return { range, pkcs7: bytes.subarray(0, derLength(bytes)) };
}

/** Total length of the DER element at the start of `b` (tag, length octets, content). */
export function derLength(b: Buffer): number {
  const first = b[1] ?? 0;
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + (b[2 + i] ?? 0);
  return Math.min(b.length, 2 + n + len);
}

/**
 * Checks the last signature of a PDF: the digest of its byte range against the signed attributes, and
 * those attributes against the signer's public key. `intact` also requires the range to cover the whole
 * file, so bytes appended after signing (an unsigned incremental update) count as a change.
 * The certificate's trust (chain, revocation) is not judged here. A signature larger than `maxSignatureBytes`
 * throws `SignatureTooLarge` before anything is parsed. The HTTP path runs this in a worker thread
 * (src/services/untrusted) under a time and memory limit.
 */
export function verifySignature(pdf: Buffer, opts: { maxSignatureBytes?: number } = {}): Verification {
  const found = lastSignature(pdf, opts.maxSignatureBytes ?? SIGNATURE_MAX_BYTES);
  if (!found) return { signed: false, intact: false };
  try {
    const [start, firstLength, second, secondLength] = found.range;
    const p7 = forge.pkcs7.messageFromAsn1(forge.asn1.fromDer(found.pkcs7.toString('binary'))) as forge.pkcs7.PkcsSignedData & {
      rawCapture: {
        issuer: forge.asn1.Asn1;
        serial: string;
        digestAlgorithm: string;
        authenticatedAttributes?: forge.asn1.Asn1[];
        signature: string;
      };
    };
    const raw = p7.rawCapture;
    // The signer's certificate is named by issuer and serial number (RFC 5652 §5.3); forge keeps the SHA-1
    // of each certificate's issuer as it was encoded, so compare those bytes, not re-encoded names.
    const issuerHash = forge.md.sha1.create().update(forge.asn1.toDer(raw.issuer).getBytes()).digest().toHex();
    const serial = forge.util.bytesToHex(raw.serial).replace(/^0+/, '');
    const cert = p7.certificates.find((c) => c.issuer.hash === issuerHash && c.serialNumber.replace(/^0+/, '') === serial);
    if (!cert) return { signed: true, intact: false };
    const cn = cert.subject.getField('CN') as { value: string; valueTagClass: number } | null;
    const result = {
      signed: true,
      signerCN: cn ? (cn.valueTagClass === forge.asn1.Type.UTF8 ? forge.util.decodeUtf8(cn.value) : cn.value) : undefined,
      fingerprint: fingerprintOf(cert),
    };

    const algorithm = DIGESTS[forge.asn1.derToOid(raw.digestAlgorithm)];
    const coversFile = start === 0 && firstLength < second && second + secondLength === pdf.length;
    if (!algorithm || !raw.authenticatedAttributes || !coversFile) return { ...result, intact: false };

    const digest = crypto
      .createHash(algorithm)
      .update(pdf.subarray(start, start + firstLength))
      .update(pdf.subarray(second, second + secondLength))
      .digest();
    const messageDigest = raw.authenticatedAttributes.find(
      (attr) => Array.isArray(attr.value) && forge.asn1.derToOid(attr.value[0]?.value as string) === oid('messageDigest'),
    );
    const claimed = ((messageDigest?.value as forge.asn1.Asn1[] | undefined)?.[1]?.value as forge.asn1.Asn1[] | undefined)?.[0]?.value;
    if (typeof claimed !== 'string' || !Buffer.from(claimed, 'binary').equals(digest)) return { ...result, intact: false };

    // The signature covers the DER of the signed attributes as a SET (RFC 5652 §5.4), not their [0] tag.
    const attributes = forge.asn1.toDer(
      forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, raw.authenticatedAttributes),
    );
    const valid = crypto.verify(
      algorithm,
      Buffer.from(attributes.getBytes(), 'binary'),
      forge.pki.certificateToPem(cert),
      Buffer.from(raw.signature, 'binary'),
    );
    return { ...result, intact: valid };
  } catch {
    // Unparseable signature bytes: signed, but nothing can be vouched for.
    return { signed: true, intact: false };
  }
}
