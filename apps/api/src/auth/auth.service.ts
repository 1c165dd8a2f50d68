import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { MeDto, TokensDto } from '@cchc/shared';
import { Clock } from '@api/common/clock';
import type { AccessTokenPayload, AuthUser } from '@api/common/auth';
import { AppException } from '@api/common/errors';
import { AuditAction, AuditService } from '@api/audit';
import { UserAccount } from '@api/users';
import { UsersRepository } from '@api/users';
import { accountDisabled, accountLocked, AuthErrorCode, invalidCredentials, invalidRefreshToken, weakPassword } from './auth.exception';
import { JwtSecret } from './jwt-secret';
import { afterFailure, afterSuccess, isLocked, minutesLeft } from './lockout';
import { PasswordHasher, passwordProblem } from '@api/users';

const ACCESS_TTL_SECONDS = Number(process.env.ACCESS_TOKEN_TTL_SECONDS ?? 15 * 60);
const REFRESH_TTL_DAYS = 30;
/** How long a just-rotated refresh token still works, for clients that lost the rotation's answer. */
export const REFRESH_REUSE_GRACE_MS = 30_000;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

@Injectable()
export class AuthService {
  /** Verified against when the username is unknown, so both answers take as long. */
  private dummyHash: Promise<string>;

  constructor(
    private readonly db: DataSource,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly secret: JwtSecret,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {
    this.dummyHash = hasher.hash(randomBytes(16).toString('hex'));
  }

  async verifyCredentials(username: string, password: string): Promise<UserAccount> {
    const user = typeof username === 'string' && username.length <= 60 ? await this.users.findByUsername(username.trim()) : null;
    if (!user) {
      await this.hasher.verify(await this.dummyHash, String(password));
      throw invalidCredentials();
    }
    const now = this.clock.now();
    if (isLocked(user, now)) throw accountLocked(minutesLeft(user, now));
    if (!(await this.hasher.verify(user.passwordHash, String(password)))) {
      const next = afterFailure(user, now);
      await this.users.update(user.id, next);
      if (next.lockedUntil) {
        await this.audit.record(null, {
          action: AuditAction.LoginLocked,
          entityType: 'user',
          entityId: user.id,
          summary: `Tạm khóa tài khoản "${user.username}" sau ${next.failedAttempts} lần nhập sai mật khẩu`,
        });
        throw accountLocked(minutesLeft(next, now));
      }
      throw invalidCredentials();
    }
    if (user.disabled) throw accountDisabled();
    await this.users.update(user.id, { ...afterSuccess(), lastLoginAt: now });
    return user;
  }

  async issueTokens(user: UserAccount): Promise<TokensDto> {
    const payload: AccessTokenPayload = {
      sub: user.id,
      usr: user.username,
      name: user.displayName,
      role: user.role,
      unit: user.unitId,
      person: user.personId,
    };
    const accessToken = await this.jwt.signAsync(payload, { secret: this.secret.value, expiresIn: ACCESS_TTL_SECONDS, algorithm: 'HS256' });
    const refreshToken = randomBytes(32).toString('base64url');
    await this.users.insertRefreshToken({
      userId: user.id,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(this.clock.now().getTime() + REFRESH_TTL_DAYS * 86_400_000),
    });
    return { accessToken, refreshToken, expiresIn: ACCESS_TTL_SECONDS, user: await this.toMe(user) };
  }

  /** Rotates the refresh token. A token presented twice means it leaked: every session of that user ends. */
  async refresh(refreshToken: string): Promise<TokensDto> {
    const outcome = await this.db.transaction(async (tx) => {
      const stored = await this.users.findRefreshToken(sha256(refreshToken), tx);
      if (!stored) return { ok: false as const };
      if (stored.revokedAt) {
        // Just rotated: the client most likely lost the answer (a reload or a dropped link mid-refresh). Answer again.
        const sinceRotation = this.clock.now().getTime() - stored.revokedAt.getTime();
        if (stored.revokedReason === 'rotated' && sinceRotation < REFRESH_REUSE_GRACE_MS) return { ok: true as const, userId: stored.userId };
        // Used for a refresh long ago and presented again: it was copied. End every session of that user.
        return { ok: false as const, reusedBy: stored.revokedReason === 'rotated' ? stored.userId : undefined };
      }
      if (stored.expiresAt.getTime() <= this.clock.now().getTime()) return { ok: false as const };
      await this.users.revokeRefreshToken(stored.id, 'rotated', this.clock.now(), tx);
      return { ok: true as const, userId: stored.userId };
    });
    if (!outcome.ok) {
      // Committed on its own: the caller gets an error, but the theft response must stick.
      if (outcome.reusedBy) await this.users.revokeAllRefreshTokens(outcome.reusedBy);
      throw invalidRefreshToken();
    }
    const account = await this.users.findById(outcome.userId);
    if (!account || account.disabled) throw invalidRefreshToken();
    return this.issueTokens(account);
  }

  async logout(refreshToken: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const stored = await this.users.findRefreshToken(sha256(refreshToken), tx);
      if (stored && !stored.revokedAt) await this.users.revokeRefreshToken(stored.id, 'logout', this.clock.now(), tx);
    });
  }

  async me(auth: AuthUser): Promise<MeDto> {
    const user = await this.users.findById(auth.id);
    if (!user) throw invalidRefreshToken();
    return this.toMe(user);
  }

  async changePassword(auth: AuthUser, currentPassword: string, newPassword: string): Promise<TokensDto> {
    const user = await this.users.findById(auth.id);
    if (!user) throw invalidRefreshToken();
    if (!(await this.hasher.verify(user.passwordHash, currentPassword)))
      throw new AppException(400, AuthErrorCode.WrongCurrentPassword, 'Mật khẩu hiện tại không đúng.');
    const problem = passwordProblem(newPassword);
    if (problem) throw weakPassword(problem);
    if (newPassword === currentPassword) throw weakPassword('Mật khẩu mới phải khác mật khẩu hiện tại.');
    const passwordHash = await this.hasher.hash(newPassword);
    await this.db.transaction(async (tx) => {
      await this.users.update(user.id, { passwordHash, mustChangePassword: false }, tx);
      await this.users.revokeAllRefreshTokens(user.id, tx);
      await this.audit.record(auth, { action: AuditAction.PasswordChange, entityType: 'user', entityId: user.id, summary: `Đổi mật khẩu tài khoản "${user.username}"` }, tx);
    });
    // Other sessions end; this one continues on a fresh pair (its old refresh token was just revoked).
    return this.issueTokens({ ...user, passwordHash, mustChangePassword: false });
  }

  private async toMe(user: UserAccount): Promise<MeDto> {
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      unitId: user.unitId,
      unitName: await this.users.unitName(user.unitId),
      personId: user.personId,
      mustChangePassword: user.mustChangePassword,
    };
  }
}
