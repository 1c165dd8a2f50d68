import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const workspaceRoot = fileURLToPath(new URL('../../', import.meta.url));

export default defineConfig({
  root: webRoot,
  plugins: [react()],
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
