// The legal forms of the one-stop mechanism as PDFs, optionally digitally signed. Pure: no database and
// no clock; every time comes in the input.
import { renderForm, signatureMeta } from './forms';
import { signPdf } from './signing';
import type { FormInput, SignMeta, UnitKey } from './types';

export { renderForm, signatureMeta } from './forms';
export { DEMO_MARK, generateUnitKey, signPdf, verifySignature, type GeneratedKey, type Verification } from './signing';
export type * from './types';

/**
 * Renders a form and signs it with the unit's key: the one call servers make. The signature's reason,
 * signer, place and time default to the form's name, its signer (officer or head of unit), the unit's
 * locality and the form's `issuedAt`.
 */
export async function renderSignedForm(input: FormInput, key: UnitKey, meta: Partial<SignMeta> = {}): Promise<Buffer> {
  const signature = signatureMeta(input, meta);
  return signPdf(await renderForm(input, { signature }), key, signature);
}
