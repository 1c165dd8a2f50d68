// `npm test`: lint, type-check, build, then every jest project (unit, API on a real PostgreSQL, browser on the
// built app in Debian's Chromium). Stops at the first failing step; jest's closing line is the last line printed.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
const run = (title, cmd, args) => {
  process.stdout.write(`\n=== ${title}\n`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  process.stdout.write(`=== ${title}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    run('install Debian chromium for the browser tests', 'sh', ['-c', 'apt-get update -qq && apt-get install -y -qq chromium >/dev/null']);
  } else {
    console.error(`Browser tests need Chromium at ${chromium}: install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH.`);
    process.exit(1);
  }
}

run('lint (module boundaries included)', process.execPath, ['tools/lint.mjs']);
run('typecheck', 'npm', ['run', '--silent', 'typecheck']);
run('build', 'npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'web', '--outputStyle=static', '--skip-nx-cache']);
run('tests', 'npx', ['jest', '--ci', ...process.argv.slice(2)]);
