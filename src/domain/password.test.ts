import { describe, expect, it } from 'vitest';
import { PASSWORD_MIN_LENGTH, passwordAcceptable } from './password';

describe('staff passwords', () => {
  it('at least ten characters with a lower-case letter, a capital and a digit, at most 200', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(10);
    expect(passwordAcceptable('DemoPass2026x', 'an')).toBe(true);
    expect(passwordAcceptable('Abcdefgh12', 'zz')).toBe(true);
    expect(passwordAcceptable('Abcdefgh1', 'zz')).toBe(false);
    expect(passwordAcceptable(`Aa1${'x'.repeat(197)}`, 'zz')).toBe(true);
    expect(passwordAcceptable(`Aa1${'x'.repeat(198)}`, 'zz')).toBe(false);
    expect(passwordAcceptable('abcdefgh12', 'zz')).toBe(false);
    expect(passwordAcceptable('ABCDEFGH12', 'zz')).toBe(false);
    expect(passwordAcceptable('Abcdefghij', 'zz')).toBe(false);
  });
  it('never contains the username, in any case', () => {
    expect(passwordAcceptable('HacThanh2026x', 'hacthanh')).toBe(false);
    expect(passwordAcceptable('xxHACTHANH2026a', 'HacThanh')).toBe(false);
    expect(passwordAcceptable('Ngoctrai2026x', 'hacthanh')).toBe(true);
  });
});
