export function freePort(): Promise<number>;
export interface EmbeddedServer {
  url: string;
  /** The same server through a Unix-domain socket in its data folder (when asked for and the path is short enough). */
  socketUrl: string | null;
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
  socket?: boolean;
}): Promise<EmbeddedServer>;
export function removeStaleFolders(root: string, prefix: string, log?: (message: string) => void): Promise<void>;
