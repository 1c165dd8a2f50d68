import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { applyAlternateSyntax } from './alternate-syntax';
import { basicCredentials, LrsClient, secretMatches } from './lrs-client';
import { lrsUnauthenticated } from './xapi.exception';
import { XapiRepository } from './xapi.repository';

/** How long a verified client is trusted without asking the database again (a revocation takes effect within it). */
const CACHE_MS = 10_000;

/** Verified clients, shared by the guard and the service that revokes them (one instance per API process). */
@Injectable()
export class LrsClientCache {
  readonly entries = new Map<string, { client: LrsClient; secretHash: string; until: number }>();
}

/**
 * Authenticates xAPI requests with HTTP Basic credentials of an LRS client (the user-token guard lets `lrs_client`
 * routes through to here). Sets `request.lrsClient`; scopes are checked by the service per operation.
 */
@Injectable()
export class LrsClientGuard implements CanActivate {
  private readonly cache: Map<string, { client: LrsClient; secretHash: string; until: number }>;

  constructor(
    private readonly repo: XapiRepository,
    cache: LrsClientCache,
  ) {
    this.cache = cache.entries;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Parameters<typeof applyAlternateSyntax>[0] & { lrsClient?: LrsClient }>();
    // A cross-origin POST with ?method= carries its headers (Authorization too) in a form body: unpack it first.
    applyAlternateSyntax(request);
    const reply = context.switchToHttp().getResponse<{ header: (k: string, v: string) => void }>();
    const credentials = basicCredentials(request.headers.authorization as string | undefined);
    const refuse = () => {
      reply.header('WWW-Authenticate', 'Basic realm="xAPI"');
      return lrsUnauthenticated();
    };
    if (!credentials) throw refuse();
    const now = Date.now();
    let entry = this.cache.get(credentials.key);
    if (!entry || entry.until < now) {
      const row = await this.repo.findClientByKey(credentials.key);
      if (!row || row.revokedAt) {
        this.cache.delete(credentials.key);
        throw refuse();
      }
      entry = { client: { id: row.id, name: row.name, key: row.key, scopes: row.scopes }, secretHash: row.secretHash, until: now + CACHE_MS };
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(credentials.key, entry);
    }
    if (!secretMatches(credentials.secret, entry.secretHash)) throw refuse();
    request.lrsClient = entry.client;
    return true;
  }
}
