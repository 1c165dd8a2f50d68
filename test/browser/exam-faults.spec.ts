import { ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../support/api-node';
import { waitFor } from '../support/wait';

/**
 * Exam day, with faults: the built server as `npm start` runs it (supervisor + one API process + the embedded
 * PostgreSQL), 100 test-takers saving answers, and mid-round first the API process, then the postmaster, killed with
 * SIGKILL. Nothing a person does brings it back. Asserted: no acknowledged answer is lost, nothing answers 500 (only
 * 503 or a refused connection during the outage), and saves succeed again within RECOVERY_LIMIT_MS of each kill.
 * The measured recovery times are printed.
 */
const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'dist/apps/api/apps/api/src/main.js');
const TAKERS = 100;
const ACKS_PER_PHASE = 300;
const RECOVERY_LIMIT_MS = 20_000;
const JWT_SECRET = 'exam-faults-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
const PG_PASSWORD = 'cchc-local';
// Start-up (initdb, migrations, the demo province) plus three load phases, on a machine other test files share.
jest.setTimeout(300_000);

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
function jwt(payload: object): string {
  const head = b64({ alg: 'HS256', typ: 'JWT' });
  const now = Math.floor(Date.now() / 1000);
  const body = b64({ ...payload, iat: now, exp: now + 3600 });
  return `${head}.${body}.${createHmac('sha256', JWT_SECRET).update(`${head}.${body}`).digest('base64url')}`;
}

function childrenOf(pid: number): { pid: number; comm: string }[] {
  const out: { pid: number; comm: string }[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(stat.split(') ')[1].split(' ')[1]) === pid) out.push({ pid: Number(d), comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) });
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
const until = async (what: string, check: () => boolean | Promise<boolean>, ms = 60_000) => {
  await waitFor(what, check, { timeoutMs: ms });
};

describe('exam day with faults: the API process and the embedded PostgreSQL killed mid-round', () => {
  let server: ChildProcess;
  let output = '';
  let dataDir: string;
  let baseUrl: string;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npm test does)`);
    dataDir = mkdtempSync(path.join(ROOT, '.data', 'exam-faults-'));
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_DEMO: 'true', JWT_SECRET, CCHC_JOBS: 'off', API_WORKERS: '1' };
    delete env.DATABASE_URL;
    server = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', (d) => (output += d));
    server.stderr!.on('data', (d) => (output += d));
    await until('a healthy server', async () => {
      if (server.exitCode !== null) throw new Error(`server exited:\n${output}`);
      return (await fetch(`${baseUrl}/api/health`).then((r) => r.status).catch(() => 0)) === 200;
    }, 150_000);
  });
  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGKILL');
      await new Promise((r) => server.once('exit', r));
    }
    // The supervisor is gone: stop its postmaster if it outlived it, then remove the data folder.
    const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      if (pid > 0 && alive(pid)) process.kill(pid, 'SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged answer, answers no 500, and heals itself after each kill', async () => {
    const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
    const pgPort = Number(readFileSync(pidFile, 'utf8').split('\n')[3]);
    const db = new Client({ connectionString: `postgres://postgres:${PG_PASSWORD}@127.0.0.1:${pgPort}/cchc_learn`, connectionTimeoutMillis: 30_000 });
    await db.connect();
    const [round] = (await db.query(`SELECT id FROM test_round WHERE status = 'open' ORDER BY opens_at LIMIT 1`)).rows;
    expect(round).toBeDefined();
    // The takers: demo learners (every active demo person has an account, username = lower-case staff code).
    const accounts = (
      await db.query(
        `SELECT u.id, u.username, u.role, u.unit_id, u.person_id, u.token_version
           FROM user_account u JOIN person p ON p.id = u.person_id
          WHERE p.status = 'active' AND u.role = 'learner' AND u.username = lower(p.staff_code)
          ORDER BY p.staff_code LIMIT $1`,
        [TAKERS],
      )
    ).rows;
    await db.end();
    expect(accounts).toHaveLength(TAKERS);

    // Every taker starts an attempt.
    const takers = await Promise.all(
      accounts.map(async (a) => {
        const token = jwt({ sub: a.id, usr: a.username, name: a.username, role: a.role, unit: a.unit_id, person: a.person_id, ver: a.token_version });
        const res = await fetch(`${baseUrl}/api/test-rounds/${round.id}/attempts`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
        expect(res.status).toBeLessThan(300);
        const attempt = (await res.json()) as { id: string; questions: { questionId: string; options: { id: string }[] }[] };
        return { token, attempt, seq: 0, next: 0 };
      }),
    );

    // The load: every taker saves one answer after another, as the test page's queue does (retrying refused saves).
    const statuses = new Map<string, number>();
    const count = (k: string) => statuses.set(k, (statuses.get(k) ?? 0) + 1);
    const acked = new Map<string, { seq: number; choice: string[] }>();
    let acks = 0;
    /** Time of the first successful save sent after `since` (ms since epoch). */
    const firstSuccessAfter = (since: number) => successes.find((s) => s.sentAt > since)?.at ?? null;
    const successes: { sentAt: number; at: number }[] = [];
    let running = true;
    const loops = takers.map(async (t) => {
      while (running) {
        const q = t.attempt.questions[t.next++ % t.attempt.questions.length];
        const choice = [q.options[(t.seq + 1) % q.options.length].id];
        const seq = ++t.seq;
        const sentAt = Date.now();
        try {
          const res = await fetch(`${baseUrl}/api/attempts/${t.attempt.id}/answers/${q.questionId}`, {
            method: 'PUT',
            headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ choice, seq }),
          });
          count(String(res.status));
          const body = (await res.json().catch(() => null)) as { stale?: boolean } | null;
          if (res.status === 200 && body?.stale === false) {
            acked.set(`${t.attempt.id}|${q.questionId}`, { seq, choice });
            acks++;
            successes.push({ sentAt, at: Date.now() });
          } else if (res.status === 503) {
            // The taker's pace is the behaviour simulated, not a wait for the system: a person tries again a moment
            // after "please wait", and answers a question every ~150 ms (the offline queue's retry does the same).
            await new Promise((r) => setTimeout(r, 200));
          }
        } catch {
          count('connection error');
          await new Promise((r) => setTimeout(r, 200));
        }
        await new Promise((r) => setTimeout(r, 150));
      }
    });
    const afterMoreAcks = async (what: string) => {
      const target = acks + ACKS_PER_PHASE;
      await until(what, () => acks >= target, 90_000);
    };

    await afterMoreAcks('answers before the first fault');

    // Fault 1: the API process dies. The supervisor forks another; saves resume.
    const [worker] = childrenOf(server.pid!).filter((c) => c.comm !== 'postgres');
    expect(worker).toBeDefined();
    const apiKilledAt = Date.now();
    process.kill(worker.pid, 'SIGKILL');
    await until('saves after the API process was killed', () => firstSuccessAfter(apiKilledAt) !== null);
    const apiRecoveryMs = firstSuccessAfter(apiKilledAt)! - apiKilledAt;
    expect(childrenOf(server.pid!).map((c) => c.pid)).not.toContain(worker.pid);
    await afterMoreAcks('answers between the faults');

    // Fault 2: the postmaster dies. The supervisor restarts it on the same data folder; the pool reconnects.
    const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    const pgKilledAt = Date.now();
    process.kill(postmaster, 'SIGKILL');
    // The killed postmaster's backends may still commit a save or two before they notice: count recovery from the
    // moment the supervisor's new postmaster is seen, not from the first success.
    // The restarted server removes a stale pid file before writing its own: between the two there is none.
    const postmasterNow = () => {
      try {
        return Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      } catch {
        return NaN;
      }
    };
    await until('the supervisor to start PostgreSQL again', () => postmasterNow() !== postmaster && alive(postmasterNow()));
    const restartedAt = Date.now();
    await until('saves after PostgreSQL was restarted', () => firstSuccessAfter(restartedAt) !== null);
    const pgRecoveryMs = firstSuccessAfter(restartedAt)! - pgKilledAt;
    await afterMoreAcks('answers after the faults');
    running = false;
    await Promise.all(loops);

    // Every acknowledged answer (the latest per question) is in the database.
    const check = new Client({ connectionString: `postgres://postgres:${PG_PASSWORD}@127.0.0.1:${pgPort}/cchc_learn`, connectionTimeoutMillis: 30_000 });
    await check.connect();
    const rows = (await check.query(`SELECT attempt_id, question_id, seq::bigint AS seq, choice FROM test_answer WHERE attempt_id = ANY($1::uuid[])`, [takers.map((t) => t.attempt.id)])).rows;
    await check.end();
    const stored = new Map(rows.map((r) => [`${r.attempt_id}|${r.question_id}`, { seq: Number(r.seq), choice: r.choice as string[] }]));
    const lost = [...acked].filter(([k, v]) => {
      const s = stored.get(k);
      return !s || s.seq < v.seq || (s.seq === v.seq && s.choice.join() !== v.choice.join());
    });

    const summary = { acknowledged: acked.size, saves: acks, lost: lost.length, apiRecoveryMs, pgRecoveryMs, statuses: Object.fromEntries(statuses) };
    process.stdout.write(`[exam-faults] ${JSON.stringify(summary)}\n`);
    expect(lost).toEqual([]);
    expect([...statuses.keys()].filter((s) => !['200', '503', 'connection error'].includes(s))).toEqual([]);
    expect(apiRecoveryMs).toBeLessThan(RECOVERY_LIMIT_MS);
    expect(pgRecoveryMs).toBeLessThan(RECOVERY_LIMIT_MS);
    // The supervisor said what happened.
    expect(output).toMatch(/API process \d+ ended \(SIGKILL\).*starting another \(restart 1\)/);
    expect(output).toMatch(/embedded PostgreSQL \(pid \d+\) ended unexpectedly \(SIGKILL\)/);
    expect(output).toMatch(/embedded PostgreSQL is back/);

    // SIGTERM: the workers finish, then the database stops; nothing is left running.
    const workers = childrenOf(server.pid!).map((c) => c.pid);
    const current = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    server.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => server.once('exit', (c) => r(c)));
    expect(code).toBe(0);
    await until('the postmaster to stop', () => !alive(current), 20_000);
    expect(workers.filter(alive)).toEqual([]);
  });
});
