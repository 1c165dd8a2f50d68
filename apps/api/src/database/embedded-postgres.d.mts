export function freePort(): Promise<number>;
export function startEmbeddedPostgres(options: {
  dataDir: string;
  ephemeral?: boolean;
  log?: (message: string) => void;
}): Promise<{ url: string; port: number; stop: () => Promise<void> }>;
export function removeStaleFolders(root: string, prefix: string, log?: (message: string) => void): Promise<void>;
