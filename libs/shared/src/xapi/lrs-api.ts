/** An LRS client as the admin page lists it (the secret is never listed). */
export interface LrsClientDto {
  id: string;
  name: string;
  key: string;
  scopes: ('write' | 'read_own' | 'read_all')[];
  createdAt: string;
  revokedAt: string | null;
  createdByName: string | null;
}

/** Answer to creating a client: the only time the secret is shown. */
export interface CreatedLrsClientDto extends LrsClientDto {
  secret: string;
  /** The LRS endpoint to give the other system. */
  endpoint: string;
}

/** Where our statements are forwarded (the national platform); the secret is never listed. */
export interface ForwardEndpointDto {
  id: string;
  name: string;
  url: string;
  key: string;
  xapiVersion: '1.0.3' | '2.0.0';
  /** Verb IRIs to forward; empty: every statement. */
  verbs: string[];
  /** Only statements about people of this unit's subtree; null: everyone. */
  unit: { id: string; name: string } | null;
  active: boolean;
  createdAt: string;
  status: ForwardStatusDto;
}

export interface ForwardStatusDto {
  /** Statements waiting to be sent (counted up to `queuedCapped`). */
  queued: number;
  queuedCapped: boolean;
  sent: number;
  /** Statements the other LRS refused (dead letters), waiting for "gửi lại" or for someone to look. */
  failed: number;
  /** Consecutive failed deliveries; 0 when the last one went through. */
  failures: number;
  lastError: string | null;
  lastErrorAt: string | null;
  lastSentAt: string | null;
  nextAttemptAt: string;
}

export interface ForwardDeadLetterDto {
  statementId: string;
  verb: string | null;
  error: string;
  attempts: number;
  failedAt: string;
  retryRequested: boolean;
}
