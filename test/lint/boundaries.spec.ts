import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Lint as `npm test` runs it (tools/lint.mjs) really enforces the boundaries on a fresh checkout: in a temporary copy
 * of the workspace without any Nx cache, an import planted across a boundary makes it fail.
 */
const ROOT = path.resolve(__dirname, '../..');
const SKIP = new Set(['node_modules', 'dist', '.nx', '.data', '.git', 'test-output', 'coverage']);

describe('lint enforces module boundaries on a fresh copy', () => {
  let copy: string;
  const lint = (...files: string[]) => {
    const r = spawnSync(process.execPath, ['tools/lint.mjs', ...files], { cwd: copy, encoding: 'utf8', env: { ...process.env, NX_CACHE_DIRECTORY: '', NX_WORKSPACE_DATA_DIRECTORY: '' } });
    return { status: r.status, out: r.stdout + r.stderr };
  };

  beforeAll(() => {
    copy = mkdtempSync(path.join(tmpdir(), 'cchc-lint-'));
    cpSync(ROOT, copy, { recursive: true, filter: (src) => !SKIP.has(path.basename(src)) });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
  });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('passes on the clean tree', () => {
    const r = lint('apps/web/src/main.tsx', 'apps/api/src/people/people.service.ts');
    expect(r.out).not.toContain('No cached ProjectGraph');
    expect(r.status).toBe(0);
  });

  it('fails when the web client imports from the API', () => {
    writeFileSync(path.join(copy, 'apps/web/src/planted.ts'), "import { AppConfig } from '../../api/src/config/app-config';\nexport const planted = AppConfig;\n");
    const r = lint('apps/web/src/planted.ts');
    expect(r.status).not.toBe(0);
    expect(r.out).toContain('@nx/enforce-module-boundaries');
  });

  it('fails when an API domain reaches into another domain by a relative path', () => {
    writeFileSync(path.join(copy, 'apps/api/src/people/planted.ts'), "import { AuditService } from '../audit/audit.service';\nexport const planted = AuditService;\n");
    const r = lint('apps/api/src/people/planted.ts');
    expect(r.status).not.toBe(0);
    expect(r.out).toContain("Import the audit domain through its public file '@api/audit'");
  });

  it('fails when the shared library imports from an app', () => {
    writeFileSync(path.join(copy, 'libs/shared/src/planted.ts'), "import { AuditService } from '../../../apps/api/src/audit/audit.service';\nexport const planted = AuditService;\n");
    const r = lint('libs/shared/src/planted.ts');
    expect(r.status).not.toBe(0);
    expect(r.out).toContain('@nx/enforce-module-boundaries');
  });
});
