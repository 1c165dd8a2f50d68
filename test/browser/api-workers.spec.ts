import { readdirSync, readFileSync } from 'node:fs';
import { RunningServer, startBuiltServer } from '../support/browser';
import { waitFor } from '../support/wait';

/** The child processes of `pid` (the API workers of a primary), from /proc. */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === pid) out.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return out;
}
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** API_WORKERS=2: two API processes on one port and one database, a dead one replaced, all stopped together. */
describe('several API processes (API_WORKERS)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startBuiltServer({ API_WORKERS: '2' });
  });
  afterAll(() => server?.stop());

  const signIn = async () => {
    const res = await fetch(`${server.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'dieuphoi', password: 'Demo@2025' }) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { accessToken: string }).accessToken;
  };
  const units = async (token: string) => (await fetch(`${server.baseUrl}/api/units`, { headers: { authorization: `Bearer ${token}` } })).status;

  it('serves from two processes, keeps serving when one dies, replaces it, and stops them all', async () => {
    const workers = childrenOf(server.pid);
    expect(workers).toHaveLength(2);
    const token = await signIn();
    // A token issued by one process is accepted by the others (the signing secret is shared through the database).
    expect(new Set(await Promise.all(Array.from({ length: 20 }, () => units(token))))).toEqual(new Set([200]));

    process.kill(workers[0], 'SIGKILL');
    await waitFor('the supervisor to replace the killed worker', () => childrenOf(server.pid).length === 2 && !childrenOf(server.pid).includes(workers[0]));
    const now = childrenOf(server.pid);
    expect(now).toHaveLength(2);
    expect(now).not.toContain(workers[0]);
    await waitFor('the API to answer', async () => (await fetch(`${server.baseUrl}/api/health`).then((r) => r.status).catch(() => 0)) === 200);
    expect(new Set(await Promise.all(Array.from({ length: 20 }, () => units(token))))).toEqual(new Set([200]));
    expect(await signIn()).toEqual(expect.any(String));

    await server.stop();
    expect([server.pid, ...now].filter(alive)).toEqual([]);
  });
});
