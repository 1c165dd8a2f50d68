/**
 * Waits on state, never on time: calls `check` until it returns something other than `undefined`/`false`/`null`, and
 * returns that; after `timeoutMs` it fails, naming what it waited for (and `detail()`, e.g. a server's output). The
 * pause between checks only paces the polling; a test never proceeds because time passed.
 */
export async function waitFor<T>(
  what: string,
  check: () => T | Promise<T>,
  options: { timeoutMs?: number; intervalMs?: number; detail?: () => string } = {},
): Promise<Exclude<T, undefined | null | false>> {
  const { timeoutMs = 30_000, intervalMs = 50, detail } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value as Exclude<T, undefined | null | false>;
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}${detail ? `:\n${detail()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
