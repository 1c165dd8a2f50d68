import { Client } from 'pg';
import PgBoss from 'pg-boss';
import { createJobQueue } from '@api/common/queues';
import { createEmptyDatabase } from '../support/test-db';

/**
 * Nodes starting together on a fresh database each create the same pg-boss queues, and each node creates two (the
 * test-round tick and the LRS forwarding). pg-boss's own create_queue deadlocks when two run at once (CI saw one node
 * of the two-node test exit on it): createJobQueue takes them one at a time.
 */
describe('creating pg-boss queues from many processes at once', () => {
  let database: { url: string; drop: () => Promise<void> };
  const bosses: PgBoss[] = [];

  beforeAll(async () => {
    database = await createEmptyDatabase();
    for (let i = 0; i < 6; i++) bosses.push(new PgBoss({ connectionString: database.url, max: 3, supervise: false, schedule: false }));
    // pg-boss creates its schema under its own lock; starting them one by one keeps this test about queue creation.
    for (const boss of bosses) await boss.start();
  }, 120_000);
  afterAll(async () => {
    await Promise.all(bosses.map((b) => b.stop({ graceful: false, wait: true })));
    await database?.drop();
  });

  it('six processes each creating the same two queues at the same moment all succeed, and each queue exists once', async () => {
    const names = ['tick-like', 'forward-like'];
    const results = await Promise.allSettled(bosses.flatMap((boss) => names.map((name) => createJobQueue(boss, database.url, name))));
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    const sql = new Client({ connectionString: database.url });
    await sql.connect();
    try {
      const queues = await sql.query(`SELECT name, count(*)::int AS n FROM pgboss.queue GROUP BY name ORDER BY name`);
      expect(queues.rows).toEqual([
        { name: 'forward-like', n: 1 },
        { name: 'tick-like', n: 1 },
      ]);
      // Each queue has its partition of the job table, so jobs can be sent to it.
      const id = await bosses[3].send('forward-like', { x: 1 });
      expect(id).toEqual(expect.any(String));
      // No queue-setup session is left holding the lock.
      expect((await sql.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = 727003`)).rows[0].n).toBe(0);
    } finally {
      await sql.end();
    }
  });
});
