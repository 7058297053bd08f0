// The web app's build: root `web/`, output `web/dist` (served by the Motcua server), `/api` proxied in development.
// Text assets are also written precompressed (.br and .gz beside each file): the server sends those as they are
// (@fastify/static `preCompressed`), so citizens on slow connections download a fraction of the bytes and the
// server spends no CPU compressing per request.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/** Writes `file.br` and `file.gz` beside every text asset, when the compressed form is smaller. */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'motcua-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle() {
      const files = (await fs.readdir(outDir, { recursive: true })).filter((f) => /\.(js|mjs|css|html|svg|json|txt)$/.test(f));
      await Promise.all(
        files.map(async (rel) => {
          const file = path.join(outDir, rel);
          const data = await fs.readFile(file);
          const [br, gz] = await Promise.all([
            brotli(data, {
              params: {
                [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
              },
            }),
            gzip(data, { level: zlib.constants.Z_BEST_COMPRESSION }),
          ]);
          if (br.length < data.length) await fs.writeFile(`${file}.br`, br);
          if (gz.length < data.length) await fs.writeFile(`${file}.gz`, gz);
        }),
      );
    },
  };
}

export default defineConfig({
  root: here('.'),
  plugins: [react(), precompress()],
  resolve: {
    // Pure domain code (roles, access policies, password rules) is shared with the server.
    alias: { '@domain': here('../src/domain') },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.MOTCUA_API ?? 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: true,
  },
});
