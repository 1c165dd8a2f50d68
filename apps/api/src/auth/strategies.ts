import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy as JwtPassportStrategy } from 'passport-jwt';
import { Strategy as LocalPassportStrategy } from 'passport-local';
import type { AccessTokenPayload, AuthUser } from '@api/common/auth';
import { AuthService } from './auth.service';
import { JwtSecret } from './jwt-secret';
import type { UserAccount } from '@api/users';

@Injectable()
export class LocalStrategy extends PassportStrategy(LocalPassportStrategy) {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'username', passwordField: 'password' });
  }

  validate(username: string, password: string): Promise<UserAccount> {
    return this.auth.verifyCredentials(username, password);
  }
}

@Injectable()
export class JwtStrategy extends PassportStrategy(JwtPassportStrategy) {
  constructor(secret: JwtSecret) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, not the string: see JwtSecret.key (token verification is on every request's path).
      secretOrKeyProvider: (_req: unknown, _token: unknown, done: (err: unknown, secret?: string) => void) => done(null, secret.key as unknown as string),
      algorithms: ['HS256'],
    });
  }

  validate(payload: AccessTokenPayload): AuthUser {
    return {
      id: payload.sub,
      username: payload.usr,
      displayName: payload.name,
      role: payload.role,
      unitId: payload.unit,
      personId: payload.person,
    };
  }
}
