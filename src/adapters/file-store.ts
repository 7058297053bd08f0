// Where scans and results are kept: the local disk by default, or S3-compatible object storage (MinIO,
// Ceph, a provincial cloud) when configured. Objects are named by their SHA-256, so writing twice is harmless.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import aws4 from 'aws4';

export interface FileStore {
  /** Stores the bytes under the key unless an object of that key exists. */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<Buffer>;
  readonly kind: 'disk' | 's3';
}

export class DiskStore implements FileStore {
  readonly kind = 'disk' as const;
  constructor(private readonly dir: string) {}

  async put(key: string, bytes: Buffer): Promise<void> {
    const target = path.join(this.dir, key);
    try {
      await fs.access(target);
      return;
    } catch {
      // not there yet
    }
    // Write then rename: a crash never leaves a half-written file under its final name.
    await fs.mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${randomUUID()}.tmp`;
    await fs.writeFile(tmp, bytes, { flush: true });
    await fs.rename(tmp, target);
  }

  get(key: string): Promise<Buffer> {
    return fs.readFile(path.join(this.dir, key));
  }
}

export type S3Config = { endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string };

/** S3 REST API (path-style URLs), requests signed with AWS Signature Version 4. */
export class S3Store implements FileStore {
  readonly kind = 's3' as const;
  constructor(private readonly c: S3Config) {}

  private async send(method: 'GET' | 'PUT' | 'HEAD', key: string, body?: Buffer, contentType?: string): Promise<Response> {
    const url = new URL(`${this.c.endpoint.replace(/\/$/, '')}/${this.c.bucket}/${key.split('/').map(encodeURIComponent).join('/')}`);
    const headers: Record<string, string> = {};
    if (contentType) headers['content-type'] = contentType;
    const signed = aws4.sign(
      { host: url.host, path: url.pathname, method, service: 's3', region: this.c.region, headers, ...(body ? { body } : {}) },
      { accessKeyId: this.c.accessKeyId, secretAccessKey: this.c.secretAccessKey },
    );
    return fetch(url, {
      method,
      headers: signed.headers as Record<string, string>,
      ...(body ? { body } : {}),
      signal: AbortSignal.timeout(30_000),
    });
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    const head = await this.send('HEAD', key);
    if (head.ok) return;
    const res = await this.send('PUT', key, bytes, contentType);
    if (!res.ok) throw new Error(`object storage PUT ${key}: HTTP ${res.status}`);
  }

  async get(key: string): Promise<Buffer> {
    const res = await this.send('GET', key);
    if (!res.ok) throw new Error(`object storage GET ${key}: HTTP ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }
}
