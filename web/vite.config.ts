// The web app's build: root `web/`, output `web/dist` (served by the Motcua server), `/api` proxied in development.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  plugins: [react()],
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
