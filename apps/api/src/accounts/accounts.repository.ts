import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '@cchc/shared';
import { scopeSql, UnitScope } from '@api/common/access';
import { viNameOrder } from '@api/common/database';

export interface AccountCandidate {
  personId: string;
  fullName: string;
  staffCode: string | null;
  position: string | null;
  unitId: string;
  unitName: string;
  unitPath: string;
  /** Code of the person's province (for the "{province}" username prefix). */
  provinceCode: string | null;
  /** The person's account, if they have one. */
  username: string | null;
}

export interface NewAccount {
  personId: string;
  unitId: string;
  username: string;
  displayName: string;
  passwordHash: string;
}

export interface PersonAccount {
  userId: string;
  username: string;
  role: Role;
  personId: string;
  fullName: string;
  position: string | null;
  unitId: string;
  unitName: string;
  unitPath: string;
}

export interface HandoutRow {
  id: string;
  unitId: string;
  createdBy: string | null;
  kind: 'bulk' | 'import' | 'reset';
  accounts: number;
  sealed: Buffer | null;
  createdAt: Date;
  expiresAt: Date;
  pdfTakenAt: Date | null;
  xlsxTakenAt: Date | null;
}

/** Statuses whose people get accounts: at work or on temporary leave (retired and departed people do not). */
const WITH_ACCOUNT_STATUSES = ['active', 'on_leave'];

@Injectable()
export class AccountsRepository {
  constructor(private readonly db: DataSource) {}

  /** People at work in a unit and everything below it (within the caller's scope), with their account if any. */
  async peopleOfSubtree(scope: UnitScope, unitPath: string, manager: EntityManager = this.db.manager): Promise<AccountCandidate[]> {
    const params: unknown[] = [`${unitPath}%`, WITH_ACCOUNT_STATUSES];
    return manager.query(
      `SELECT p.id AS "personId", p.full_name AS "fullName", NULLIF(btrim(p.staff_code), '') AS "staffCode", p.position,
              u.id AS "unitId", u.name AS "unitName", u.path AS "unitPath", pv.code AS "provinceCode", a.username
         FROM person p
         LEFT JOIN org_unit pv ON pv.id = p.province_id
         JOIN org_unit u ON u.id = p.unit_id
         LEFT JOIN user_account a ON a.person_id = p.id
        WHERE u.path LIKE $1 AND p.status = ANY($2::text[]) AND ${scopeSql(scope, 'u.path', params)}
        ORDER BY u.path, ${viNameOrder('p.full_name')}`,
      params,
    );
  }

  /** These people (within the caller's scope, at work), with their account if any: the ones an import just created. */
  async peopleByIds(scope: UnitScope, personIds: string[], manager: EntityManager = this.db.manager): Promise<AccountCandidate[]> {
    if (!personIds.length) return [];
    const params: unknown[] = [personIds, WITH_ACCOUNT_STATUSES];
    return manager.query(
      `SELECT p.id AS "personId", p.full_name AS "fullName", NULLIF(btrim(p.staff_code), '') AS "staffCode", p.position,
              u.id AS "unitId", u.name AS "unitName", u.path AS "unitPath", pv.code AS "provinceCode", a.username
         FROM person p
         LEFT JOIN org_unit pv ON pv.id = p.province_id
         JOIN org_unit u ON u.id = p.unit_id
         LEFT JOIN user_account a ON a.person_id = p.id
        WHERE p.id = ANY($1::uuid[]) AND p.status = ANY($2::text[]) AND ${scopeSql(scope, 'u.path', params)}
        ORDER BY u.path, ${viNameOrder('p.full_name')}`,
      params,
    );
  }

  /** The code of each unit's province (for the "{province}" username prefix of people not written yet). */
  async provinceCodesOfUnits(unitIds: string[], manager: EntityManager = this.db.manager): Promise<Map<string, string | null>> {
    if (!unitIds.length) return new Map();
    const rows: { id: string; code: string | null }[] = await manager.query(
      `SELECT u.id, pv.code FROM org_unit u LEFT JOIN org_unit pv ON pv.id = coalesce(u.province_id, u.id) WHERE u.id = ANY($1::uuid[])`,
      [unitIds],
    );
    return new Map(rows.map((r) => [r.id, r.code]));
  }

  /** Which of these usernames (lower case) are already taken. */
  async takenUsernames(usernames: string[], manager: EntityManager = this.db.manager): Promise<Set<string>> {
    if (!usernames.length) return new Set();
    const rows: { u: string }[] = await manager.query(`SELECT lower(username) AS u FROM user_account WHERE lower(username) = ANY($1::text[])`, [usernames]);
    return new Set(rows.map((r) => r.u));
  }

  /**
   * Inserts learner accounts for people who still have none, in one statement; returns how many were inserted. A
   * person who got an account meanwhile is skipped, so the caller compares the count and rolls back on a mismatch.
   */
  async insertLearnerAccounts(accounts: NewAccount[], manager: EntityManager): Promise<number> {
    const rows = await manager.query(
      `INSERT INTO user_account (username, display_name, password_hash, role, unit_id, person_id, must_change_password)
       SELECT n.username, n.display_name, n.password_hash, 'learner', n.unit_id, n.person_id, true
         FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::uuid[]) AS n(username, display_name, password_hash, unit_id, person_id)
        WHERE NOT EXISTS (SELECT 1 FROM user_account a WHERE a.person_id = n.person_id)
       RETURNING id`,
      [
        accounts.map((a) => a.username),
        accounts.map((a) => a.displayName.slice(0, 120)),
        accounts.map((a) => a.passwordHash),
        accounts.map((a) => a.unitId),
        accounts.map((a) => a.personId),
      ],
    );
    return rows.length;
  }

  /** The account of a person of the scope. */
  async accountOfPerson(scope: UnitScope, personId: string, manager: EntityManager = this.db.manager): Promise<PersonAccount | null> {
    const params: unknown[] = [personId];
    const rows: PersonAccount[] = await manager.query(
      `SELECT a.id AS "userId", a.username, a.role, p.id AS "personId", p.full_name AS "fullName", p.position,
              u.id AS "unitId", u.name AS "unitName", u.path AS "unitPath"
         FROM user_account a JOIN person p ON p.id = a.person_id JOIN org_unit u ON u.id = p.unit_id
        WHERE a.person_id = $1 AND ${scopeSql(scope, { path: 'u.path', person: 'p.id' }, params)}`,
      params,
    );
    return rows[0] ?? null;
  }

  async setOneTimePassword(userId: string, passwordHash: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE user_account SET password_hash = $2, must_change_password = true, failed_attempts = 0, locked_until = NULL, updated_at = now() WHERE id = $1`,
      [userId, passwordHash],
    );
    await manager.query(`UPDATE refresh_token SET revoked_at = now(), revoked_reason = 'reset' WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  }

  async insertHandout(h: Omit<HandoutRow, 'id' | 'pdfTakenAt' | 'xlsxTakenAt'>, manager: EntityManager): Promise<string> {
    const rows = await manager.query(
      `INSERT INTO account_handout (unit_id, created_by, kind, accounts, sealed, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [h.unitId, h.createdBy, h.kind, h.accounts, h.sealed, h.createdAt, h.expiresAt],
    );
    return rows[0].id as string;
  }

  async lockHandout(id: string, manager: EntityManager): Promise<HandoutRow | null> {
    const rows: HandoutRow[] = await manager.query(
      `SELECT id, unit_id AS "unitId", created_by AS "createdBy", kind, accounts, sealed, created_at AS "createdAt", expires_at AS "expiresAt",
              pdf_taken_at AS "pdfTakenAt", xlsx_taken_at AS "xlsxTakenAt"
         FROM account_handout WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Marks one format taken; when both are, the ciphertext goes (the passwords cannot be produced again). */
  async markHandoutTaken(id: string, format: 'pdf' | 'xlsx', at: Date, manager: EntityManager): Promise<void> {
    const column = format === 'pdf' ? 'pdf_taken_at' : 'xlsx_taken_at';
    await manager.query(
      `UPDATE account_handout SET ${column} = $2,
              sealed = CASE WHEN (pdf_taken_at IS NOT NULL OR NOT $3) AND (xlsx_taken_at IS NOT NULL OR $3) THEN NULL ELSE sealed END
        WHERE id = $1`,
      [id, at, format === 'xlsx'],
    );
  }

  /** Deletes the ciphertext of handouts nobody downloaded in time. */
  async purgeExpiredHandouts(now: Date, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.query(`UPDATE account_handout SET sealed = NULL WHERE sealed IS NOT NULL AND expires_at <= $1`, [now]);
  }
}
