import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MARK, generateUnitKey, renderForm, renderSignedForm, signPdf, verifySignature, type GeneratedKey } from './index';
import { derLength } from './signing';
import { otherUnit, pdfText, samples, unit } from './test-support';

const PASSPHRASE = 'mat-khau-demo';
const validFrom = new Date('2026-01-01T00:00:00Z');

let key: GeneratedKey;
let signed: Buffer;

/** The PDF text string after `/Key (` in the last signature dictionary, decoded from UTF-16 or PDFDocEncoding. */
function pdfString(pdf: Buffer, name: string): string {
  const at = pdf.lastIndexOf(`/${name} (`) + name.length + 3;
  const bytes = pdf.subarray(at, pdf.indexOf(')', at));
  return bytes[0] === 0xfe && bytes[1] === 0xff ? Buffer.from(bytes.subarray(2)).swap16().toString('utf16le') : bytes.toString('latin1');
}

beforeAll(async () => {
  key = generateUnitKey({ unitName: unit.name, unitCode: unit.code, validFrom, years: 3, passphrase: PASSPHRASE });
  signed = await renderSignedForm(samples.receipt, { p12: key.p12, passphrase: PASSPHRASE });
});

describe('unit keys', () => {
  it('are self-signed demo certificates naming the unit, valid for the years asked', () => {
    const cert = new crypto.X509Certificate(key.certificatePem);
    expect(cert.subject).toContain(`CN=${unit.name}`);
    expect(cert.subject).toContain(`O=${unit.code}`);
    expect(cert.subject).toContain(DEMO_MARK);
    expect(cert.issuer).toBe(cert.subject);
    expect(new Date(cert.validFrom).toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(new Date(cert.validTo).toISOString()).toBe('2029-01-01T00:00:00.000Z');
    expect(cert.fingerprint256).toBe(key.fingerprint);
  });

  it('differ between units', () => {
    const other = generateUnitKey({ unitName: otherUnit.name, unitCode: otherUnit.code, validFrom, years: 3, passphrase: PASSPHRASE });
    expect(other.fingerprint).not.toBe(key.fingerprint);
    expect(new crypto.X509Certificate(other.certificatePem).subject).toContain(`CN=${otherUnit.name}`);
  });
});

describe('signed forms', () => {
  it('verify as intact, naming the unit and its certificate', () => {
    expect(verifySignature(signed)).toEqual({ signed: true, signerCN: unit.name, fingerprint: key.fingerprint, intact: true });
  });

  it('keep their text, and carry the signer, reason and place in Vietnamese', async () => {
    const { pages } = await pdfText(signed);
    expect(pages).toHaveLength(1);
    expect(pages[0]?.text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(pdfString(signed, 'Name')).toBe('Lê Văn Đức');
    expect(pdfString(signed, 'Reason')).toBe('Giấy tiếp nhận hồ sơ và hẹn trả kết quả');
    expect(pdfString(signed, 'Location')).toBe('Hạc Thành');
  });

  it('are the same bytes when signed twice with the same key', async () => {
    const again = await renderSignedForm(samples.receipt, { p12: key.p12, passphrase: PASSPHRASE });
    expect(again.equals(signed)).toBe(true);
  });

  it('are no longer intact when one signed byte changes, before or after the signature', () => {
    const flip = (at: number) => {
      const copy = Buffer.from(signed);
      copy.writeUInt8(copy.readUInt8(at) ^ 0x01, at);
      return verifySignature(copy);
    };
    // The PDF header ("%PDF-1.7") is in the first signed range, the page's /MediaBox in the second.
    expect(flip(7)).toMatchObject({ signed: true, signerCN: unit.name, intact: false });
    expect(flip(signed.indexOf('/MediaBox') + 1)).toMatchObject({ signed: true, intact: false });
    expect(flip(signed.length - 3).intact).toBe(false);
  });

  it('are no longer intact when bytes are appended after signing', () => {
    const appended = Buffer.concat([signed, Buffer.from('\n% appended\n')]);
    expect(verifySignature(appended)).toMatchObject({ signed: true, intact: false });
  });

  it('are no longer intact when the signature itself is altered', () => {
    const broken = Buffer.from(signed);
    const contents = broken.indexOf('/Contents <') + '/Contents <'.length;
    // The RSA signature value is the last element of the PKCS#7: alter a byte just before its DER end.
    const der = Buffer.from(broken.subarray(contents, contents + 64).toString('latin1'), 'hex');
    const at = contents + 2 * derLength(der) - 10;
    broken[at] = broken[at] === 0x30 ? 0x31 : 0x30;
    expect(verifySignature(broken).intact).toBe(false);
  });

  it('sign a PDF made elsewhere too, writing the meta without diacritics', async () => {
    const plain = await renderForm(samples.refusal);
    expect(verifySignature(plain)).toEqual({ signed: false, intact: false });
    const meta = { reason: 'Phiếu từ chối', signerName: 'Lê Văn Đức', location: 'Hạc Thành', signedAt: samples.refusal.issuedAt };
    const result = await signPdf(plain, { p12: key.p12, passphrase: PASSPHRASE }, meta);
    expect(verifySignature(result)).toMatchObject({ signed: true, fingerprint: key.fingerprint, intact: true });
    expect(pdfString(result, 'Name')).toBe('Le Van Duc');
    expect(pdfString(result, 'Location')).toBe('Hac Thanh');
  });

  it('refuse a wrong passphrase', async () => {
    await expect(renderSignedForm(samples.receipt, { p12: key.p12, passphrase: 'sai' })).rejects.toThrow();
  });
});

describe('reading the signature out of its zero-padded slot', () => {
  it('takes the DER length, so a signature that ends in zero bytes is not cut short', () => {
    // SEQUENCE { INTEGER 0 } = 30 03 02 01 00, then the slot's zero padding.
    expect(derLength(Buffer.from('300302010000000000', 'hex'))).toBe(5);
    // Long form length: 30 82 01 00 + 256 bytes.
    expect(derLength(Buffer.concat([Buffer.from('30820100', 'hex'), Buffer.alloc(300)]))).toBe(260);
  });
  it('verifies signatures made at many different moments (each a different signature value)', async () => {
    const key = generateUnitKey({
      unitName: 'Trung tâm thử',
      unitCode: '000.09.00.H56',
      validFrom: new Date('2026-01-01'),
      years: 1,
      passphrase: 'p',
    });
    for (let i = 0; i < 12; i++) {
      const signedAt = new Date(Date.UTC(2026, 10, 26, 1, 0, i));
      const pdf = await renderSignedForm({ ...samples.receipt, issuedAt: signedAt }, { p12: key.p12, passphrase: 'p' }, { signedAt });
      expect(verifySignature(pdf).intact, `signature ${i}`).toBe(true);
    }
  });
});
