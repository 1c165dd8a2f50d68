import { Coalescer } from './coalescer';

/** A statement runner the test holds: each batch waits until the test lets it finish. */
function heldRunner(fail?: (items: number[]) => boolean) {
  const batches: number[][] = [];
  const releases: (() => void)[] = [];
  const run = (items: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push(items);
      releases.push(() => (fail?.(items) ? reject(new Error(`failed ${items.join(',')}`)) : resolve(items.map((i) => `out ${i}`))));
    });
  return { batches, releases, run };
}

/** Lets every pending callback run (a finished batch's bookkeeping, then the next dispatch). */
const turn = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

describe('Coalescer', () => {
  it('sends a lone call at once, by itself', async () => {
    const r = heldRunner();
    const c = new Coalescer(r.run, { maxBatch: 10, maxInFlight: 1 });
    const p = c.call(1);
    await turn();
    expect(r.batches).toEqual([[1]]);
    r.releases[0]();
    await expect(p).resolves.toBe('out 1');
  });

  it('sends the calls that arrive while a batch runs together in the next one, each answered with its own output', async () => {
    const r = heldRunner();
    const c = new Coalescer(r.run, { maxBatch: 10, maxInFlight: 1 });
    const first = c.call(1);
    await turn();
    const rest = [2, 3, 4].map((i) => c.call(i));
    await turn();
    expect(r.batches).toEqual([[1]]); // waits for the batch in flight
    r.releases[0]();
    await first;
    await turn();
    expect(r.batches).toEqual([[1], [2, 3, 4]]);
    r.releases[1]();
    await expect(Promise.all(rest)).resolves.toEqual(['out 2', 'out 3', 'out 4']);
  });

  it('keeps at most maxInFlight batches running and at most maxBatch calls in one', async () => {
    const r = heldRunner();
    const c = new Coalescer(r.run, { maxBatch: 2, maxInFlight: 2 });
    const all = [1, 2, 3, 4, 5, 6].map((i) => c.call(i));
    await turn();
    expect(r.batches).toEqual([
      [1, 2],
      [3, 4],
    ]);
    r.releases[0]();
    await all[0];
    await turn();
    expect(r.batches).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    r.releases[1]();
    r.releases[2]();
    await expect(Promise.all(all)).resolves.toEqual([1, 2, 3, 4, 5, 6].map((i) => `out ${i}`));
  });

  it('runs each call of a failed batch alone, so only the bad call fails', async () => {
    const r = heldRunner((items) => items.includes(3));
    const c = new Coalescer(r.run, { maxBatch: 10, maxInFlight: 1 });
    const calls = [2, 3, 4].map((i) => c.call(i));
    await turn();
    r.releases[0](); // the batch [2, 3, 4] fails
    await turn();
    expect(r.batches.slice(1)).toEqual([[2], [3], [4]]);
    r.releases.slice(1).forEach((release) => release());
    const settled = await Promise.allSettled(calls);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason.message).toBe('failed 3');
    // The next call is not held up by the failure.
    const next = c.call(5);
    await turn();
    r.releases[r.releases.length - 1]();
    await expect(next).resolves.toBe('out 5');
  });

  it('with a key, never puts two calls of one key in a batch nor runs them at once: the later one goes after, in order', async () => {
    const r = heldRunner();
    const c = new Coalescer(r.run, { maxBatch: 10, maxInFlight: 4, key: (i: number) => String(i % 10) });
    // 11, 21 and 31 share the key of 1; 2 and 3 are alone with theirs.
    const all = [1, 2, 11, 3, 21, 31].map((i) => c.call(i));
    await turn();
    expect(r.batches).toEqual([[1, 2, 3]]); // free slots, but every other call waits for the key of 1
    r.releases[0]();
    await turn();
    expect(r.batches.slice(1)).toEqual([[11]]);
    const late = c.call(4); // a new key does not wait behind them
    await turn();
    expect(r.batches.slice(2)).toEqual([[4]]);
    r.releases[1]();
    await turn();
    expect(r.batches.slice(3)).toEqual([[21]]);
    r.releases[2]();
    r.releases[3]();
    await turn();
    expect(r.batches.slice(4)).toEqual([[31]]);
    r.releases[4]();
    await expect(Promise.all([...all, late])).resolves.toEqual([1, 2, 11, 3, 21, 31, 4].map((i) => `out ${i}`));
  });

  it('with a key, a full batch leaves the rest waiting in their order', async () => {
    const r = heldRunner();
    const c = new Coalescer(r.run, { maxBatch: 2, maxInFlight: 1, key: (i: number) => String(i % 10) });
    const all = [1, 11, 2, 3, 4].map((i) => c.call(i));
    await turn();
    expect(r.batches).toEqual([[1, 2]]);
    r.releases[0]();
    await turn();
    expect(r.batches.slice(1)).toEqual([[11, 3]]);
    r.releases[1]();
    await turn();
    expect(r.batches.slice(2)).toEqual([[4]]);
    r.releases[2]();
    await expect(Promise.all(all)).resolves.toEqual([1, 11, 2, 3, 4].map((i) => `out ${i}`));
  });
});
