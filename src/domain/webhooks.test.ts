import { describe, expect, it } from 'vitest';
import { addressRefusal, checkWebhookUrl, EVENT_SCOPES, WEBHOOK_EVENTS } from './webhooks';

describe('addresses a webhook may not reach', () => {
  it.each([
    ['10.0.0.5', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['100.64.0.1', 'shared (CGNAT)'],
    ['224.0.0.1', 'multicast or reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fd00::1', 'unique-local'],
    ['fc12:3456::1', 'unique-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['64:ff9b::192.168.0.1', 'private'],
  ])('%s is refused (%s)', (addr, why) => {
    expect(addressRefusal(addr)).toBe(why);
  });

  it.each(['93.184.216.34', '172.32.0.1', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8', '100.128.0.1'])('%s is public', (addr) => {
    expect(addressRefusal(addr)).toBeNull();
  });

  it('something that is not an address is refused', () => {
    expect(addressRefusal('10.0.0')).toBe('not an address');
    expect(addressRefusal('1::2::3')).toBe('not an address');
  });
});

describe('a receiver URL', () => {
  it('must be https, or http in demo mode only; no credentials in it', () => {
    expect(checkWebhookUrl('https://lgsp.thanhhoa.gov.vn/hook', false).ok).toBe(true);
    expect(checkWebhookUrl('http://lgsp.thanhhoa.gov.vn/hook', false)).toMatchObject({ ok: false, code: 'webhook-url-not-https' });
    expect(checkWebhookUrl('http://lgsp.thanhhoa.gov.vn/hook', true).ok).toBe(true);
    expect(checkWebhookUrl('ftp://x/', true).ok).toBe(false);
    expect(checkWebhookUrl('not a url', true).ok).toBe(false);
    expect(checkWebhookUrl('https://u:p@lgsp.thanhhoa.gov.vn/', false)).toMatchObject({ ok: false, reason: 'credentials in the URL' });
  });
});

describe('events', () => {
  it('each needs the scope that reads what it is about', () => {
    expect(Object.keys(EVENT_SCOPES).sort()).toEqual([...WEBHOOK_EVENTS].sort());
    expect(EVENT_SCOPES['feedback.published']).toBe('feedback:read');
  });
});
