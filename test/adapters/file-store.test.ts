// Scans kept in S3-compatible object storage when configured: signed requests, same API behaviour.
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Store } from '../../src/adapters/file-store';
import { ConfigError, loadConfig } from '../../src/config';
import { createTestApi, type TestApi } from '../support/api';
import { startFakeS3, type FakeS3 } from '../support/fake-s3';

const creds = { accessKeyId: 'motcua-test', secretAccessKey: 'motcua-test-secret' };
let s3: FakeS3;
let t: TestApi;
beforeAll(async () => {
  s3 = await startFakeS3(creds);
  t = await createTestApi({
    MOTCUA_S3_ENDPOINT: s3.endpoint,
    MOTCUA_S3_BUCKET: 'motcua-files',
    MOTCUA_S3_ACCESS_KEY: creds.accessKeyId,
    MOTCUA_S3_SECRET_KEY: creds.secretAccessKey,
  });
});
afterAll(async () => {
  await t.close();
  await s3.close();
});

describe('S3-compatible file storage', () => {
  it('uploads a scan into the bucket (signed) and reads it back through the API', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    const pdf = Buffer.from(await doc.save());
    const officer = await t.login('hacthanh.reception-officer');
    const rejectedBefore = s3.rejected; // the wrong-secret test may have run first (any order)
    const up = await t.req(officer, {
      method: 'POST',
      url: `/api/files?unitId=${t.units.hacthanh}`,
      headers: { 'content-type': 'application/pdf' },
      payload: pdf,
    });
    expect(up.statusCode).toBe(201);
    const sha = up.json().sha256 as string;
    expect(s3.objects.get(`/motcua-files/${sha.slice(0, 2)}/${sha}`)?.equals(pdf)).toBe(true);
    const back = await t.req(officer, { method: 'GET', url: `/api/files/${up.json().id}` });
    expect(back.rawPayload.equals(pdf)).toBe(true);
    expect(s3.rejected).toBe(rejectedBefore);
  });
  it('a wrong secret is refused by the store', async () => {
    const bad = new S3Store({
      endpoint: s3.endpoint,
      bucket: 'motcua-files',
      region: 'us-east-1',
      accessKeyId: creds.accessKeyId,
      secretAccessKey: 'wrong',
    });
    await expect(bad.put('aa/bb', Buffer.from('x'), 'application/pdf')).rejects.toThrow(/HTTP 403/);
  });
  it('a half-configured object store stops the start naming what is missing', () => {
    expect(() => loadConfig({ MOTCUA_S3_ENDPOINT: 'http://s3.local' })).toThrow(ConfigError);
    expect(() => loadConfig({ MOTCUA_S3_ENDPOINT: 'http://s3.local' })).toThrow(/MOTCUA_S3_BUCKET/);
  });
});
