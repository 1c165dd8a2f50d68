export function freePort(): Promise<number>;
export interface EmbeddedServer {
  url: string;
  port: number;
  dataDir: string;
  pid: () => number | null;
  onUnexpectedExit: (listener: (exit: { code: number | null; signal: string | null; pid: number | undefined }) => void) => void;
  restart: () => Promise<void>;
  stop: () => Promise<void>;
}
export function startEmbeddedPostgres(options: {
  dataDir: string;
  ephemeral?: boolean;
  log?: (message: string) => void;
  extraFlags?: string[];
}): Promise<EmbeddedServer>;
export function removeStaleFolders(root: string, prefix: string, log?: (message: string) => void): Promise<void>;
