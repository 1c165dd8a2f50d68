import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface RevokedAccount {
  id: string;
  version: number;
  revokedAt: Date;
}

/** Token versions of accounts: the one place that ends an account's sessions and reads which were ended. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly db: DataSource) {}

  /** Ends every access token issued so far to the account; returns the version new tokens carry. */
  async bumpTokenVersion(userId: string, manager: EntityManager = this.db.manager): Promise<number | null> {
    const rows: { version: number }[] = await manager.query(
      `WITH u AS (UPDATE user_account SET token_version = token_version + 1, sessions_revoked_at = now() WHERE id = $1 RETURNING token_version)
       SELECT token_version AS version FROM u`,
      [userId],
    );
    return rows[0]?.version ?? null;
  }

  /**
   * Accounts whose sessions were ended after `since` (the database's clock), or within the last `lookbackSeconds`
   * when this process has not looked yet. Returns the database's time of the read, for the next call.
   */
  async revokedSince(since: Date | null, lookbackSeconds: number): Promise<{ accounts: RevokedAccount[]; readAt: Date }> {
    const rows: { id: string; version: number; revokedAt: Date; readAt: Date }[] = await this.db.query(
      `SELECT u.id, u.token_version AS version, u.sessions_revoked_at AS "revokedAt", n.t AS "readAt"
         FROM (SELECT now() AS t) n
         LEFT JOIN user_account u
           ON u.sessions_revoked_at > coalesce($1::timestamptz, n.t - make_interval(secs => $2))`,
      [since, lookbackSeconds],
    );
    return { accounts: rows.filter((r) => r.id !== null), readAt: rows[0].readAt };
  }
}
