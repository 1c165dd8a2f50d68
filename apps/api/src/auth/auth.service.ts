import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { MeDto, TokensDto } from '@cchc/shared';
import { Clock } from '@api/common/clock';
import type { AccessTokenPayload, AuthUser } from '@api/common/auth';
import { SessionRevocations } from '@api/common/auth';
import { AppSecrets } from '@api/common/settings';
import { APP_CONFIG, type AppConfig } from '@api/config';
import { AuditAction, AuditService } from '@api/audit';
import { UserAccount, UsersRepository } from '@api/users';
import { accountDisabled, authError, AuthErrorCode, invalidCredentials, invalidRefreshToken, weakPassword } from './auth.exception';
import { LOCKOUT_POLICY } from './lockout';
import { PasswordHasher, passwordProblem } from '@api/users';

const REFRESH_TTL_DAYS = 30;
/** How long a just-rotated refresh token still works, for clients that lost the rotation's answer. */
export const REFRESH_REUSE_GRACE_MS = 30_000;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

@Injectable()
export class AuthService {
  /** Verified against when the username is unknown or the account locked, so every answer costs one hash. */
  private readonly dummyHash: Promise<string>;

  constructor(
    private readonly db: DataSource,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly secrets: AppSecrets,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly sessions: SessionRevocations,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.dummyHash = hasher.hash(randomBytes(16).toString('hex'));
  }

  /**
   * Sign-in. A guess is claimed (counted) before the password is checked, in one statement, so concurrent guesses
   * never get more than the allowed number of passwords checked. Unknown username, wrong password and locked account
   * answer alike, each after one password hash.
   */
  async verifyCredentials(username: string, password: string): Promise<UserAccount> {
    const name = typeof username === 'string' && username.length <= 60 ? username.trim() : '';
    const now = this.clock.now();
    const claim = name ? await this.users.claimSignInGuess(name, now, LOCKOUT_POLICY) : null;
    if (!claim) {
      await this.hasher.verify(await this.dummyHash, String(password));
      throw invalidCredentials();
    }
    const { user, claimed, locksNow } = claim;
    if (!(await this.hasher.verify(user.passwordHash, String(password)))) {
      if (locksNow) {
        await this.audit.record(null, {
          action: AuditAction.LoginLocked,
          entityType: 'user',
          entityId: user.id,
          summary: `Tạm khóa tài khoản "${user.username}" sau ${claimed} lần nhập sai mật khẩu`,
        });
      }
      throw invalidCredentials();
    }
    await this.users.signedIn(user.id, claimed, now);
    if (user.disabled) throw accountDisabled();
    return user;
  }

  /**
   * A new access token and refresh token. `at` and `refreshToken` are given when a rotation is answered again within
   * the grace window: the same inputs sign the same access token (HS256 is deterministic), so the client gets the
   * very pair it lost, not a second one.
   */
  async issueTokens(user: UserAccount, at = this.clock.now(), refreshToken?: string): Promise<TokensDto> {
    const iat = Math.floor(at.getTime() / 1000);
    const ttl = this.config.accessTokenTtlSeconds;
    const payload: AccessTokenPayload & { iat: number; exp: number } = {
      sub: user.id,
      usr: user.username,
      name: user.displayName,
      role: user.role,
      unit: user.unitId,
      person: user.personId,
      ver: user.tokenVersion,
      ...(user.mustChangePassword ? { mcp: true as const } : {}),
      iat,
      exp: iat + ttl,
    };
    const accessToken = await this.jwt.signAsync(payload, { secret: this.secrets.jwtSecret, algorithm: 'HS256' });
    if (!refreshToken) {
      refreshToken = randomBytes(32).toString('base64url');
      await this.users.insertRefreshToken({
        userId: user.id,
        tokenHash: sha256(refreshToken),
        expiresAt: new Date(at.getTime() + REFRESH_TTL_DAYS * 86_400_000),
      });
    }
    return { accessToken, refreshToken, expiresIn: ttl, user: await this.toMe(user) };
  }

  /** The refresh token that replaces `token`: derived, so answering a rotation again yields the same one. */
  private successorOf(token: string): string {
    return createHmac('sha256', this.secrets.derive('refresh-token-rotation')).update(token).digest('base64url');
  }

  /**
   * Rotates the refresh token. Presented again within the grace window (the client lost the answer), the same new
   * pair is answered again. Presented again later, it was copied: every session of the account ends, access tokens
   * included.
   */
  async refresh(refreshToken: string): Promise<TokensDto> {
    const now = this.clock.now();
    const successor = this.successorOf(refreshToken);
    const outcome = await this.db.transaction(async (tx) => {
      const stored = await this.users.findRefreshToken(sha256(refreshToken), tx);
      if (!stored) return { ok: false as const };
      if (stored.revokedAt) {
        const sinceRotation = now.getTime() - stored.revokedAt.getTime();
        if (stored.revokedReason === 'rotated' && sinceRotation < REFRESH_REUSE_GRACE_MS) {
          // The pair answered then is answered again, as long as its refresh token was not ended since.
          const next = await this.users.findRefreshToken(sha256(successor), tx);
          if (next && (!next.revokedAt || next.revokedReason === 'rotated')) return { ok: true as const, userId: stored.userId, at: stored.revokedAt, reissue: true };
          return { ok: false as const };
        }
        // Used for a refresh long ago and presented again: it was copied. End every session of that user.
        return { ok: false as const, reusedBy: stored.revokedReason === 'rotated' ? stored.userId : undefined };
      }
      if (stored.expiresAt.getTime() <= now.getTime()) return { ok: false as const };
      await this.users.revokeRefreshToken(stored.id, 'rotated', now, tx);
      await this.users.insertRefreshToken({ userId: stored.userId, tokenHash: sha256(successor), expiresAt: new Date(now.getTime() + REFRESH_TTL_DAYS * 86_400_000) }, tx);
      return { ok: true as const, userId: stored.userId, at: now, reissue: false };
    });
    if (!outcome.ok) {
      // Committed on its own: the caller gets an error, but the theft response must stick.
      if (outcome.reusedBy) await this.endSessions(outcome.reusedBy);
      throw invalidRefreshToken();
    }
    const account = await this.users.findById(outcome.userId);
    if (!account || account.disabled) throw invalidRefreshToken();
    return this.issueTokens(account, outcome.at, successor);
  }

  /** Ends every session of the account: refresh tokens are revoked and its access tokens stop working everywhere. */
  async endSessions(userId: string): Promise<void> {
    const ended = await this.db.transaction(async (tx) => {
      await this.users.revokeAllRefreshTokens(userId, tx);
      return this.sessions.revoke(userId, tx);
    });
    ended.applied();
  }

  /**
   * Sign-out ends this session's refresh token and the account's access tokens (other devices renew theirs with
   * their own refresh tokens without noticing).
   */
  async logout(refreshToken: string): Promise<void> {
    const ended = await this.db.transaction(async (tx) => {
      const stored = await this.users.findRefreshToken(sha256(refreshToken), tx);
      if (!stored || stored.revokedAt) return null;
      await this.users.revokeRefreshToken(stored.id, 'logout', this.clock.now(), tx);
      return this.sessions.revoke(stored.userId, tx);
    });
    ended?.applied();
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
      throw authError(AuthErrorCode.WrongCurrentPassword, 'Mật khẩu hiện tại không đúng.');
    const problem = passwordProblem(newPassword);
    if (problem) throw weakPassword(problem);
    if (newPassword === currentPassword) throw weakPassword('Mật khẩu mới phải khác mật khẩu hiện tại.');
    const passwordHash = await this.hasher.hash(newPassword);
    const ended = await this.db.transaction(async (tx) => {
      await this.users.update(user.id, { passwordHash, mustChangePassword: false }, tx);
      await this.users.revokeAllRefreshTokens(user.id, tx);
      await this.audit.record(auth, { action: AuditAction.PasswordChange, entityType: 'user', entityId: user.id, summary: `Đổi mật khẩu tài khoản "${user.username}"` }, tx);
      return this.sessions.revoke(user.id, tx);
    });
    ended.applied();
    // Other sessions end; this one continues on a fresh pair (its old refresh token was just revoked).
    return this.issueTokens({ ...user, passwordHash, mustChangePassword: false, tokenVersion: ended.version });
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
