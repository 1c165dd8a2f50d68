// Types of tools/pg-cluster.cjs (a primary and streaming standbys from the embedded PostgreSQL binaries).
export interface PgServer {
  port: number;
  dataDir: string;
  url(db?: string): string;
  pid(): number;
  stop(signal?: NodeJS.Signals): Promise<void>;
  restart(signal?: NodeJS.Signals): Promise<void>;
}
export interface PgStandby extends PgServer {
  catchUp(timeoutMs?: number): Promise<void>;
}
export function startPrimary(options: { dataDir: string; durable?: boolean; flags?: string[]; log?: (m: string) => void }): Promise<PgServer>;
export function startStandby(primary: PgServer, options: { dataDir: string; name?: string; flags?: string[]; log?: (m: string) => void }): Promise<PgStandby>;
export function freePort(): Promise<number>;
