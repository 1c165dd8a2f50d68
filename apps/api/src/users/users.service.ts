import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Page, Role, UserDto } from '@cchc/shared';
import type { AuthUser } from '@api/common/auth';
import { AuditAction, AuditService } from '@api/audit';
import { SessionRevocations } from '@api/common/auth';
import { CreateUserRequest, mapUser } from './dto/user.dto';
import { PasswordHasher, passwordProblem } from './password-hasher';
import { UsersRepository } from './users.repository';
import { usersError, UsersErrorCode } from './users.exception';

@Injectable()
export class UsersService {
  constructor(
    private readonly db: DataSource,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly sessions: SessionRevocations,
  ) {}

  async list(q: string | undefined, page: number, pageSize: number): Promise<Page<UserDto>> {
    const { items, total } = await this.users.list(q, page, pageSize);
    return { items: items.map(mapUser), total, page, pageSize };
  }

  async create(actor: AuthUser, req: CreateUserRequest): Promise<UserDto> {
    if (req.role === Role.UnitOfficer && !req.unitId)
      throw usersError(UsersErrorCode.UserUnitRequired, 'Cán bộ phụ trách đơn vị phải được gắn với một đơn vị.');
    if (req.role === Role.Coordinator && !req.unitId)
      throw usersError(UsersErrorCode.UserUnitRequired, 'Điều phối viên phải được gắn với một đơn vị thuộc tỉnh mình điều phối (ví dụ Sở Nội vụ).');
    const problem = passwordProblem(req.password);
    if (problem) throw usersError(UsersErrorCode.AuthWeakPassword, problem);
    if (await this.users.findByUsername(req.username)) throw usersError(UsersErrorCode.UsernameTaken, `Tên đăng nhập "${req.username}" đã có người dùng.`);
    if (req.unitId && !(await this.users.unitName(req.unitId))) throw usersError(UsersErrorCode.UnitNotFound, 'Không tìm thấy đơn vị.');
    const passwordHash = await this.hasher.hash(req.password);
    const id = await this.db.transaction(async (tx) => {
      const newId = await this.users.insert(
        {
          username: req.username,
          displayName: req.displayName.trim(),
          role: req.role,
          unitId: req.unitId ?? null,
          personId: req.personId ?? null,
          passwordHash,
          mustChangePassword: true,
        },
        tx,
      );
      await this.audit.record(actor, { action: AuditAction.Create, entityType: 'user', entityId: newId, summary: `Tạo tài khoản "${req.username}" (${req.role})` }, tx);
      return newId;
    });
    const created = (await this.users.findById(id))!;
    return mapUser({ ...created, unitName: await this.users.unitName(created.unitId) });
  }

  /** Sets a temporary password, lifts any lock and ends the user's sessions (access tokens included, on every node). */
  async resetPassword(actor: AuthUser, id: string, newPassword: string): Promise<void> {
    const user = await this.requireUser(id);
    const problem = passwordProblem(newPassword);
    if (problem) throw usersError(UsersErrorCode.AuthWeakPassword, problem);
    const passwordHash = await this.hasher.hash(newPassword);
    const ended = await this.db.transaction(async (tx) => {
      await this.users.update(id, { passwordHash, mustChangePassword: true, failedAttempts: 0, lockedUntil: null }, tx);
      await this.users.revokeAllRefreshTokens(id, tx);
      await this.audit.record(actor, { action: AuditAction.PasswordReset, entityType: 'user', entityId: id, summary: `Đặt lại mật khẩu tài khoản "${user.username}"` }, tx);
      return this.sessions.revoke(id, tx);
    });
    ended.applied();
  }

  /** Disables (ending every session at once) or re-enables an account. An admin cannot disable their own. */
  async setDisabled(actor: AuthUser, id: string, disabled: boolean): Promise<UserDto> {
    const user = await this.requireUser(id);
    if (disabled && user.id === actor.id) throw usersError(UsersErrorCode.UserCannotDisableSelf, 'Không thể vô hiệu hóa tài khoản đang dùng để đăng nhập.');
    if (user.disabled !== disabled) {
      const ended = await this.db.transaction(async (tx) => {
        await this.users.update(id, { disabled }, tx);
        await this.audit.record(
          actor,
          {
            action: disabled ? AuditAction.AccountDisable : AuditAction.AccountEnable,
            entityType: 'user',
            entityId: id,
            summary: `${disabled ? 'Vô hiệu hóa' : 'Kích hoạt lại'} tài khoản "${user.username}"`,
          },
          tx,
        );
        if (!disabled) return null;
        await this.users.revokeAllRefreshTokens(id, tx);
        return this.sessions.revoke(id, tx);
      });
      ended?.applied();
    }
    const updated = (await this.users.findById(id))!;
    return mapUser({ ...updated, unitName: await this.users.unitName(updated.unitId) });
  }

  private async requireUser(id: string) {
    const user = await this.users.findById(id);
    if (!user) throw usersError(UsersErrorCode.UserNotFound, 'Không tìm thấy tài khoản.');
    return user;
  }
}
