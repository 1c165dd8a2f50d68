import { Global, Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { createHmac, createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '@api/config';
import { SettingsRepository } from './settings.repository';

/**
 * The instance's secrets, read once at start: JWT_SECRET when set, otherwise one generated once and kept in the
 * database, so every API process on the same database signs and accepts the same tokens and a restart signs nobody
 * out. Everything else that needs a key derives it here, so there is one source and no hard-coded fallback.
 */
@Injectable()
export class AppSecrets implements OnModuleInit {
  private jwt = '';
  private lessonFiles = '';
  private keyObject: KeyObject | null = null;

  constructor(
    private readonly settings: SettingsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    this.jwt = this.config.jwtSecret ?? (await this.settings.getOrCreate('jwt_secret', randomBytes(48).toString('base64url')));
    this.lessonFiles = await this.settings.getOrCreate('lesson_file_secret', randomBytes(32).toString('base64url'));
  }

  private loaded(value: string): string {
    if (!value) throw new Error('AppSecrets used before the application finished starting');
    return value;
  }

  get jwtSecret(): string {
    return this.loaded(this.jwt);
  }

  /**
   * The JWT secret as a KeyObject, made once. Handed a string, jsonwebtoken first tries to parse it as a PEM public
   * key (which throws) on every verification: ~100× slower than verifying with a KeyObject, and every API request
   * verifies a token.
   */
  get jwtKey(): KeyObject {
    return (this.keyObject ??= createSecretKey(Buffer.from(this.jwtSecret)));
  }

  /** Signs the QR check-in tokens shown during an in-person session. */
  get checkInKey(): Buffer {
    return this.derive('training-session-check-in');
  }

  /** Signs short-lived links to lesson files. */
  get lessonFileSecret(): string {
    return this.loaded(this.lessonFiles);
  }

  /** A key for one purpose, derived from the JWT secret (so rotating JWT_SECRET rotates them all). */
  derive(purpose: string): Buffer {
    return createHmac('sha256', this.jwtSecret).update(purpose).digest();
  }
}

@Global()
@Module({ providers: [SettingsRepository, AppSecrets], exports: [SettingsRepository, AppSecrets] })
export class SettingsModule {}
