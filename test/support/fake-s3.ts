// A stand-in S3-compatible object store for tests: path-style PUT/GET/HEAD, every request's AWS
// Signature V4 checked by signing it again with the known credentials. Objects live in memory.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import aws4 from 'aws4';

export type FakeS3 = { endpoint: string; objects: Map<string, Buffer>; rejected: number; close: () => Promise<void> };

export async function startFakeS3(creds: { accessKeyId: string; secretAccessKey: string }, region = 'us-east-1'): Promise<FakeS3> {
  const objects = new Map<string, Buffer>();
  const state = { rejected: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers: Record<string, string> = {};
      if (req.headers['content-type']) headers['content-type'] = String(req.headers['content-type']);
      headers['x-amz-date'] = String(req.headers['x-amz-date']);
      const expected = aws4.sign(
        {
          host: String(req.headers.host),
          path: req.url!,
          method: req.method!,
          service: 's3',
          region,
          headers,
          ...(body.length ? { body } : {}),
        },
        creds,
      );
      if (expected.headers!.Authorization !== req.headers.authorization) {
        state.rejected++;
        res.writeHead(403).end('<Error><Code>SignatureDoesNotMatch</Code></Error>');
        return;
      }
      const key = decodeURIComponent(req.url!);
      if (req.method === 'PUT') {
        objects.set(key, body);
        res.writeHead(200).end();
      } else if (objects.has(key)) {
        res.writeHead(200, { 'content-length': objects.get(key)!.length }).end(req.method === 'HEAD' ? undefined : objects.get(key));
      } else res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    objects,
    get rejected() {
      return state.rejected;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
