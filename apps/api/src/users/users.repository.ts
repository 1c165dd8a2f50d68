import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { foldVietnamese } from '@cchc/shared';
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
      .orderBy('u.username')
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

  async getSetting(key: string): Promise<string | null> {
    const rows: { value: string }[] = await this.db.query('SELECT value FROM app_setting WHERE key = $1', [key]);
    return rows[0]?.value ?? null;
  }

  /** Inserts unless another instance got there first; returns the stored value either way. */
  async getOrCreateSetting(key: string, value: string): Promise<string> {
    await this.db.query('INSERT INTO app_setting (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, value]);
    return (await this.getSetting(key))!;
  }
}
