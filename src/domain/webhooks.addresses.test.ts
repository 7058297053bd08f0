// Which addresses a webhook receiver may not have, at the edges of each reserved range (IANA special-purpose
// registries, RFC 1918, 6598, 2544, 3927, 4193, 3849), and the forms an IPv6 address may take.
import { describe, expect, it } from 'vitest';
import { addressRefusal, checkWebhookUrl, isWebhookEvent } from './webhooks';

describe('IPv4 ranges, edge by edge', () => {
  it.each([
    ['172.15.255.255', null],
    ['172.16.0.0', 'private'],
    ['172.31.255.255', 'private'],
    ['173.16.0.1', null],
    ['192.168.0.1', 'private'],
    ['192.169.0.1', null],
    ['193.168.0.1', null],
    ['8.168.0.1', null],
    ['11.0.0.1', null],
    ['169.254.0.1', 'link-local'],
    ['169.253.0.1', null],
    ['170.254.0.1', null],
    ['100.63.255.255', null],
    ['100.64.0.0', 'shared (CGNAT)'],
    ['100.127.255.255', 'shared (CGNAT)'],
    ['101.64.0.1', null],
    ['192.0.0.8', 'special'],
    ['192.0.1.1', null],
    ['192.1.0.1', null],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['198.17.0.1', null],
    ['198.20.0.1', null],
    ['199.18.0.1', null],
    ['126.255.255.255', null],
    ['128.0.0.1', null],
    ['223.255.255.255', null],
    ['240.0.0.1', 'multicast or reserved'],
    ['255.255.255.255', 'multicast or reserved'],
  ])('%s → %s', (addr, why) => {
    expect(addressRefusal(addr)).toBe(why);
  });

  it('a part above 255, or a part that is not a number, is not an address', () => {
    expect(addressRefusal('256.1.1.1')).toBe('not an address');
    expect(addressRefusal('8.8.8.1000')).toBe('not an address');
    expect(addressRefusal('8.8.8.x')).toBe('not an address');
  });
});

describe('IPv6 forms and ranges', () => {
  it.each([
    ['[::1]', 'loopback'],
    ['fe80::1%eth0', 'link-local'],
    ['FE80::ABCD', 'link-local'],
    ['febf::1', 'link-local'],
    ['fec0::1', 'site-local'],
    ['feff::1', 'site-local'],
    ['fbff::1', null],
    ['fe00::1', null],
    ['2001:db8::1', 'documentation'],
    ['2001:db9::1', null],
    ['2002:db8::1', null],
    ['2001:db8:0:0:0:0:0:1', 'documentation'],
    ['1:2:3:4:5:6:7:8', null],
    ['2001:4860:4860::8888', null],
    ['::2', 'unspecified'],
    ['::10.0.0.1', 'private'],
    ['::ffff:10.0.10.1', 'private'],
    ['::ffff:10.0.0.10', 'private'],
    ['64:ff9b::8.8.8.8', null],
    ['64:ff9b::a00:1', 'private'],
  ])('%s → %s', (addr, why) => {
    expect(addressRefusal(addr)).toBe(why);
  });

  it.each([
    '1:2:3:4:5:6:7', // seven groups and no "::"
    '1:2:3:4:5:6:7:8:9', // nine groups
    '1:2:3:4:5::6:7:8:9', // "::" with nine groups around it
    'fe80::12345', // a group of five digits
    'fe80::g', // not hexadecimal
    '::ffff:300.1.1.1', // an embedded IPv4 part above 255
  ])('%s is not an address', (addr) => {
    expect(addressRefusal(addr)).toBe('not an address');
  });
});

describe('receiver URLs and events', () => {
  it('names why a URL is refused', () => {
    expect(checkWebhookUrl('not a url', true)).toEqual({ ok: false, code: 'webhook-url-not-https', reason: 'not a URL' });
    expect(checkWebhookUrl('ftp://x/', true)).toEqual({ ok: false, code: 'webhook-url-not-https', reason: 'ftp:' });
    expect(checkWebhookUrl('https://u@lgsp.thanhhoa.gov.vn/', false)).toEqual({
      ok: false,
      code: 'webhook-url-not-https',
      reason: 'credentials in the URL',
    });
    expect(checkWebhookUrl('https://:p@lgsp.thanhhoa.gov.vn/', false)).toMatchObject({ ok: false, reason: 'credentials in the URL' });
  });

  it('knows its events only', () => {
    expect(isWebhookEvent('dossier.status-changed')).toBe(true);
    expect(isWebhookEvent('indicator.threshold-crossed')).toBe(true);
    expect(isWebhookEvent('dossier.deleted')).toBe(false);
  });
});
