import { Injectable } from '@nestjs/common';
import type { LrsClient } from './lrs-client';

type Json = Record<string, unknown>;

/** An LRS client that is a launched session of some content (a cmi5 AU), with what its owner needs to check it. */
export interface SessionClient extends LrsClient {
  session: unknown;
}

/** A document an xAPI request reads or writes. */
export interface DocumentTarget {
  kind: 'state' | 'activity_profile' | 'agent_profile';
  method: string;
  activityId: string;
  agentIfi: string;
  registration: string;
  documentId: string | undefined;
}

/**
 * Lets another domain take part in the LRS without the LRS knowing it (the packages domain runs cmi5 sessions):
 * credentials it issues, and checks on the statements and documents those credentials send. A check refuses by
 * throwing an AppException (the xAPI answer is its status, 403 for a rule the statement breaks).
 */
export interface XapiSessionProvider {
  /** The key prefix of the credentials it issues (e.g. `cmi5_`). */
  readonly keyPrefix: string;
  authenticate(key: string, secret: string): Promise<SessionClient | null>;
  beforeStatements(client: SessionClient, statements: Json[]): Promise<void>;
  afterStatements(client: SessionClient, statements: Json[]): Promise<void>;
  beforeDocument(client: SessionClient, target: DocumentTarget): Promise<void>;
}

/** One per API process: providers register at start (onModuleInit). */
@Injectable()
export class XapiHooks {
  private readonly providers: XapiSessionProvider[] = [];

  register(provider: XapiSessionProvider): void {
    this.providers.push(provider);
  }

  providerForKey(key: string): XapiSessionProvider | null {
    return this.providers.find((p) => key.startsWith(p.keyPrefix)) ?? null;
  }

  providerOf(client: LrsClient): XapiSessionProvider | null {
    return 'session' in client ? this.providerForKey(client.key) : null;
  }
}
