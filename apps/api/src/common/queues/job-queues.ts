import { Client } from 'pg';
import type PgBoss from 'pg-boss';

/** The advisory lock under which every process on one database creates its pg-boss queues (see createJobQueue). */
export const JOB_QUEUE_SETUP_LOCK = 727003;

/**
 * Creates a pg-boss queue (a no-op when it exists), one creation at a time across every process and node on the
 * database. pg-boss's `create_queue` inserts the queue's row and then alters the shared job table (a partition and
 * foreign keys to the queue table): two creations at once, of the same queue (two nodes starting together) or of two
 * queues (the test-round and forwarding jobs of one node), each wait for the other's lock and PostgreSQL aborts one
 * with a deadlock, and that node failed to start. A session-level advisory lock on a connection of its own serialises
 * them; closing that connection releases it whatever happens.
 */
export async function createJobQueue(boss: PgBoss, databaseUrl: string, name: string): Promise<void> {
  const lock = new Client({ connectionString: databaseUrl, application_name: 'cchc-learn-queue-setup' });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [JOB_QUEUE_SETUP_LOCK]);
    await boss.createQueue(name);
  } finally {
    await lock.end().catch(() => undefined);
  }
}
