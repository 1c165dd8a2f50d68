// `npm run lint`: computes the Nx project graph first — without it @nx/enforce-module-boundaries prints
// "No cached ProjectGraph is available. The rule will be skipped." and lint passes whatever crosses a boundary.
import { spawnSync } from 'node:child_process';

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
const graph = spawnSync('npx', ['nx', 'show', 'projects'], { env, encoding: 'utf8' });
if (graph.status !== 0) {
  process.stderr.write(graph.stdout + graph.stderr);
  console.error('lint: could not compute the Nx project graph, so module boundaries cannot be checked.');
  process.exit(1);
}
const lint = spawnSync('npx', ['eslint', ...(process.argv.length > 2 ? process.argv.slice(2) : ['.']), '--max-warnings=0'], { env, encoding: 'utf8' });
const out = lint.stdout + lint.stderr;
process.stdout.write(out);
if (out.includes('No cached ProjectGraph')) {
  console.error('lint: the module-boundary rule was skipped (no project graph).');
  process.exit(1);
}
process.exit(lint.status ?? 1);
