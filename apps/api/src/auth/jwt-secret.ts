import { Injectable, OnModuleInit } from '@nestjs/common';
import { createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import { UsersRepository } from '@api/users';

/**
 * The signing secret: JWT_SECRET when set, otherwise one generated once and kept in the database,
 * so every API instance on the same database accepts the same tokens and restarts sign nobody out.
 */
@Injectable()
export class JwtSecret implements OnModuleInit {
  private secret = '';
  private keyObject: KeyObject | null = null;

  constructor(private readonly users: UsersRepository) {}

  async onModuleInit(): Promise<void> {
    this.secret = process.env.JWT_SECRET || (await this.users.getOrCreateSetting('jwt_secret', randomBytes(48).toString('base64url')));
  }

  get value(): string {
    return this.secret;
  }

  /**
   * The same secret as a KeyObject, made once. Handed a string, jsonwebtoken first tries to parse it as a PEM public
   * key (which throws) on every verification: ~100× slower than verifying with a KeyObject, and every API request
   * verifies a token.
   */
  get key(): KeyObject {
    return (this.keyObject ??= createSecretKey(Buffer.from(this.secret)));
  }
}
