import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { foldVietnamese } from '@cchc/shared';
import { viOrder } from '@api/common/database';
import { RefreshToken, UserAccount } from './user-account.entity';

export type UserWithUnit = UserAccount & { unitName: string | null };

@Injectable()
export class UsersRepository {
  constructor(private readonly db: DataSource) {}

  findById(id: string): Promise<UserAccount | null> {
    return this.db.manager.findOne(UserAccount, { where: { id } });
  }

  findByUsername(username: string): Promise<UserAccount | null> {
    return this.db.getRepository(UserAccount).createQueryBuilder('u').where('lower(u.username) = lower(:username)', { username }).getOne();
  }

  async accountOfPerson(personId: string): Promise<{ id: string; username: string } | null> {
    const rows: { id: string; username: string }[] = await this.db.query('SELECT id, username FROM user_account WHERE person_id = $1', [personId]);
    return rows[0] ?? null;
  }

  async unitName(unitId: string | null): Promise<string | null> {
    if (!unitId) return null;
    const rows: { name: string }[] = await this.db.query('SELECT name FROM org_unit WHERE id = $1', [unitId]);
    return rows[0]?.name ?? null;
  }

  async list(q: string | undefined, page: number, pageSize: number): Promise<{ items: UserWithUnit[]; total: number }> {
    const qb = this.db
      .getRepository(UserAccount)
      .createQueryBuilder('u')
      .leftJoin('org_unit', 'o', 'o.id = u.unit_id')
      .addSelect('o.name', 'unit_name');
    if (q) qb.where('(fold_vi(u.username) LIKE :q OR fold_vi(u.display_name) LIKE :q)', { q: `%${foldVietnamese(q)}%` });
    const total = await qb.getCount();
    const { entities, raw } = await qb
      .orderBy(viOrder('u.username'))
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getRawAndEntities();
    return { items: entities.map((e, i) => Object.assign(e, { unitName: (raw[i]?.unit_name as string) ?? null })), total };
  }

  async insert(user: Partial<UserAccount>, manager: EntityManager = this.db.manager): Promise<string> {
    const result = await manager.insert(UserAccount, user);
    return result.identifiers[0].id as string;
  }

  async update(id: string, patch: Partial<UserAccount>, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.update(UserAccount, { id }, patch);
  }

  /**
   * Takes one sign-in guess for the account, in one statement: the row lock makes concurrent guesses queue, and a
   * guess made once the account is locked matches no row. So however many guesses arrive together, at most
   * `maxFailures` passwords are checked before the lock holds. Null for an unknown or locked account (the caller
   * answers both alike). `claimed` is the count including this guess; a lock that has run out starts a fresh count.
   */
  async claimSignInGuess(username: string, now: Date, policy: { maxFailures: number; lockMinutes: number }): Promise<{ user: UserAccount; claimed: number; locksNow: boolean } | null> {
    const rows: { id: string; claimed: number; locked: boolean }[] = await this.db.query(
      `WITH c AS (
         SELECT id, CASE WHEN locked_until IS NOT NULL AND locked_until <= $2 THEN 1 ELSE failed_attempts + 1 END AS claimed
           FROM user_account WHERE lower(username) = lower($1) AND (locked_until IS NULL OR locked_until <= $2)
            FOR UPDATE)
       , u AS (
         UPDATE user_account u
            SET failed_attempts = c.claimed,
                locked_until = CASE WHEN c.claimed >= $3 THEN $2::timestamptz + make_interval(mins => $4) ELSE NULL END
           FROM c WHERE u.id = c.id
         RETURNING u.id, c.claimed, c.claimed >= $3 AS locked)
       SELECT * FROM u`,
      [username, now, policy.maxFailures, policy.lockMinutes],
    );
    if (!rows[0]) return null;
    const user = await this.findById(rows[0].id);
    return user ? { user, claimed: rows[0].claimed, locksNow: rows[0].locked } : null;
  }

  /**
   * After the right password: clears the count, unless other guesses were claimed since this one (a burst is under
   * way: its lock must hold; the right password itself was one of the allowed guesses).
   */
  async signedIn(id: string, claimed: number, now: Date): Promise<void> {
    await this.db.query(
      `UPDATE user_account SET last_login_at = $3,
              failed_attempts = CASE WHEN failed_attempts = $2 THEN 0 ELSE failed_attempts END,
              locked_until = CASE WHEN failed_attempts = $2 THEN NULL ELSE locked_until END
        WHERE id = $1`,
      [id, claimed, now],
    );
  }

  async insertRefreshToken(token: Pick<RefreshToken, 'userId' | 'tokenHash' | 'expiresAt'>, manager: EntityManager = this.db.manager) {
    await manager.insert(RefreshToken, token);
  }

  findRefreshToken(tokenHash: string, manager: EntityManager = this.db.manager): Promise<RefreshToken | null> {
    return manager.getRepository(RefreshToken).createQueryBuilder('t').setLock('pessimistic_write').where('t.token_hash = :tokenHash', { tokenHash }).getOne();
  }

  async revokeRefreshToken(id: string, reason: 'rotated' | 'logout', at: Date, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.update(RefreshToken, { id }, { revokedAt: at, revokedReason: reason });
  }

  async revokeAllRefreshTokens(userId: string, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.update(RefreshToken, { userId, revokedAt: IsNull() }, { revokedAt: () => 'now()', revokedReason: 'reset' } as never);
  }
}
