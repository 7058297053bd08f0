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
import { VitePWA } from 'vite-plugin-pwa';

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

/**
 * The staff app works offline (web/src/offline/): a Workbox service worker, registered by the staff shell only (citizens'
 * first pages load no extra byte), precaches the app shell and keeps the public data the counter needs — the
 * catalogue of the units, the office calendar — network first, so online answers are always fresh. It never caches
 * API writes, and no personal data: the registry, dossiers and files are not routed through it. A new release waits
 * ("prompt") until no intake is in progress (web/src/offline/update.ts).
 */
function offlineShell(): Parameters<typeof VitePWA>[0] {
  const networkFirst = (cacheName: string, maxEntries: number) =>
    ({
      handler: 'NetworkFirst',
      options: {
        cacheName,
        networkTimeoutSeconds: 5,
        expiration: { maxEntries, maxAgeSeconds: 30 * 24 * 60 * 60 },
        cacheableResponse: { statuses: [200] },
      },
    }) as const;
  return {
    registerType: 'prompt',
    injectRegister: false,
    manifest: false,
    filename: 'sw.js',
    workbox: {
      globPatterns: ['**/*.{js,css,html,woff2,svg}'],
      globIgnores: ['**/*.br', '**/*.gz', '**/pdf.worker*'],
      maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      navigateFallback: '/index.html',
      navigateFallbackDenylist: [/^\/api\//],
      cleanupOutdatedCaches: true,
      // The first install takes over the open page at once (so it works offline without a reload); later versions
      // wait for web/src/offline/update.ts to activate them.
      clientsClaim: true,
      runtimeCaching: [
        {
          urlPattern: ({ url, request, sameOrigin }) => sameOrigin && request.method === 'GET' && url.pathname === '/api/units',
          ...networkFirst('motcua-units', 10),
        },
        {
          urlPattern: ({ url, request, sameOrigin }) =>
            sameOrigin &&
            request.method === 'GET' &&
            (url.pathname === '/api/procedures' || /^\/api\/procedures\/[0-9a-f-]{36}$/.test(url.pathname)),
          ...networkFirst('motcua-catalogue', 300),
        },
        {
          urlPattern: ({ url, request, sameOrigin }) =>
            sameOrigin && request.method === 'GET' && url.pathname.startsWith('/api/calendar/years/'),
          ...networkFirst('motcua-calendar', 20),
        },
      ],
    },
  };
}

export default defineConfig({
  root: here('.'),
  plugins: [react(), precompress(), VitePWA(offlineShell())],
  resolve: {
    // Pure domain code (roles, access policies, password rules) is shared with the server.
    // The typed API client is the repository's published package (clients/typescript), imported by path.
    alias: { '@domain': here('../src/domain'), '@motcua/client': here('../clients/typescript/src/index.ts') },
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
