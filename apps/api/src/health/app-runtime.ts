export const APP_RUNTIME = Symbol('APP_RUNTIME');

/** Facts about how this instance was started, for /api/health. */
export interface AppRuntime {
  embeddedDatabase: boolean;
  version: string;
  /** API_ROLE of this node (absent: 'all'). */
  role?: 'web' | 'worker' | 'all';
}
