import { describe, expect, it } from 'vitest';
import { refusedField } from './webhookForm';

describe('refusedField', () => {
  it('puts each refusal of a new webhook beside its field', () => {
    expect(refusedField('webhook-url-not-https', undefined)).toBe('url');
    expect(refusedField('webhook-url-private', undefined)).toBe('url');
    expect(refusedField('webhook-url-unresolvable', undefined)).toBe('url');
    expect(refusedField('webhook-event-not-allowed', undefined)).toBe('events');
    expect(refusedField('webhook-unit-out-of-reach', undefined)).toBe('unitIds');
    expect(refusedField('validation-failed', 'url: no user name or password in a webhook URL')).toBe('url');
    expect(refusedField('validation-failed', 'events: unknown event')).toBe('events');
  });
  it('leaves the others to the form as a whole', () => {
    expect(refusedField('validation-failed', 'clientId: required')).toBeNull();
    expect(refusedField('validation-failed', undefined)).toBeNull();
    expect(refusedField('api-client-revoked', undefined)).toBeNull();
    expect(refusedField('not-found', undefined)).toBeNull();
  });
});
