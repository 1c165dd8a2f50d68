import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const workspaceRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Writes .gz and .br beside each text asset; the API serves them (@fastify/static `preCompressed`) so a commune
 * office link downloads the compressed bytes without the server compressing on every request.
 */
function precompress(): Plugin {
  return {
    name: 'cchc-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      if (!options.dir) return;
      const dir = options.dir;
      for (const fileName of new Set([...Object.keys(bundle), 'index.html'])) {
        if (!/\.(js|css|html|svg|json)$/.test(fileName)) continue;
        const file = path.join(dir, fileName);
        const content = readFileSync(file);
        if (content.length < 1024) continue;
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
        writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

export default defineConfig({
  root: webRoot,
  plugins: [react(), precompress()],
  resolve: {
    alias: {
      '@cchc/shared': `${workspaceRoot}libs/shared/src/index.ts`,
    },
  },
  build: {
    outDir: `${workspaceRoot}dist/apps/web`,
    emptyOutDir: true,
  },
  server: {
    port: 4200,
    proxy: {
      '/api': 'http://localhost:3000',
    },
  },
});
