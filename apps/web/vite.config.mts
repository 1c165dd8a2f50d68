import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

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
      compressFiles(options.dir, [...Object.keys(bundle), 'index.html']);
    },
    // The service worker is written after the bundle (vite-plugin-pwa's closeBundle): compress it then.
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        compressFiles(`${workspaceRoot}dist/apps/web`, ['sw.js']);
      },
    },
  };
}

function compressFiles(dir: string, fileNames: string[]): void {
  for (const fileName of new Set(fileNames)) {
    if (!/\.(js|css|html|svg|json)$/.test(fileName)) continue;
    const file = path.join(dir, fileName);
    if (!existsSync(file)) continue;
    const content = readFileSync(file);
    if (content.length < 1024) continue;
    writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
    writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  }
}

export default defineConfig({
  root: webRoot,
  plugins: [
    react(),
    /*
     * The offline app shell: a service worker precaches index.html and the entry script and styles, and keeps each
     * page's script as it is first used (hashed file names never change), so reloading the test page without a
     * connection shows the test (the attempt and its queued answers are kept on the device) instead of the browser's
     * error page. Registered from main.tsx (no inline script, for the Content-Security-Policy); the API is never cached.
     */
    VitePWA({
      injectRegister: false,
      registerType: 'autoUpdate',
      manifest: false,
      workbox: {
        globPatterns: ['index.html', 'assets/index-*.{js,css}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        clientsClaim: true,
        skipWaiting: true,
        cleanupOutdatedCaches: true,
        inlineWorkboxRuntime: true,
        runtimeCaching: [
          {
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/assets/'),
            handler: 'CacheFirst',
            options: { cacheName: 'cchc-assets', expiration: { maxEntries: 300 } },
          },
        ],
      },
    }),
    precompress(),
  ],
  resolve: {
    alias: {
      '@cchc/shared': `${workspaceRoot}libs/shared/src/index.ts`,
    },
  },
  build: {
    outDir: `${workspaceRoot}dist/apps/web`,
    emptyOutDir: true,
    rollupOptions: {
      // libs/shared is pure declarations: a module the client imports nothing from (the staff-import rules, the
      // question-sheet reader) is dropped from the bundle instead of riding along for its top-level tables.
      treeshake: { moduleSideEffects: (id: string) => !id.replace(/\\/g, '/').includes('/libs/shared/src/') },
    },
  },
  server: {
    port: 4200,
    proxy: {
      '/api': 'http://localhost:3000',
    },
  },
});
