interface Waiting<I, O> {
  item: I;
  key: string | undefined;
  resolve: (o: O) => void;
  reject: (e: unknown) => void;
}

/**
 * Sends concurrent calls of one statement as one statement. A call that arrives while `maxInFlight` batches are
 * running waits and goes in the next batch with every call that arrived meanwhile (at most `maxBatch`), so a burst of
 * a province's submissions costs a few statements — each planned, executed, committed and flushed to disk once —
 * instead of one each, while a lone call goes at once (on the next turn of the event loop). Each caller still gets its
 * answer only after its batch has committed. When a batch fails, each of its calls is run alone, so one bad call fails
 * only itself.
 *
 * With `key`, calls of the same key never share a batch nor run at the same time: a later one waits until the batch
 * holding the earlier one has finished, so calls of one key are run one after the other in their order of arrival (a
 * statement that would write the same row twice, e.g. `ON CONFLICT DO UPDATE`, needs them apart).
 */
export class Coalescer<I, O> {
  private pending: Waiting<I, O>[] = [];
  private inFlight = 0;
  private scheduled = false;
  /** Keys of the calls in the batches running now. */
  private readonly busy = new Set<string>();

  constructor(
    /** Runs the items as one statement; answers one output per item, in the same order. */
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly limits: { maxBatch: number; maxInFlight: number; key?: (item: I) => string },
  ) {}

  call(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ item, key: this.limits.key?.(item), resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    if (this.scheduled || this.inFlight >= this.limits.maxInFlight || !this.pending.length) return;
    this.scheduled = true;
    // The calls of the requests read in this turn of the event loop go together.
    setImmediate(() => {
      this.scheduled = false;
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.inFlight < this.limits.maxInFlight && this.pending.length) {
      const batch = this.limits.key ? this.takeDistinct() : this.pending.splice(0, this.limits.maxBatch);
      if (!batch.length) return; // every waiting call's key is in a running batch: the next one to finish kicks again
      this.inFlight++;
      void this.runBatch(batch).finally(() => {
        this.inFlight--;
        for (const w of batch) if (w.key !== undefined) this.busy.delete(w.key);
        this.kick();
      });
    }
  }

  /** The next batch in order of arrival, skipping (and keeping waiting, in order) a call whose key is taken. */
  private takeDistinct(): Waiting<I, O>[] {
    const batch: Waiting<I, O>[] = [];
    const left: Waiting<I, O>[] = [];
    for (const w of this.pending) {
      if (batch.length < this.limits.maxBatch && !this.busy.has(w.key!)) {
        this.busy.add(w.key!);
        batch.push(w);
      } else left.push(w);
    }
    this.pending = left;
    return batch;
  }

  private async runBatch(batch: Waiting<I, O>[]): Promise<void> {
    let out: O[];
    try {
      out = await this.run(batch.map((w) => w.item));
    } catch (e) {
      if (batch.length === 1) return batch[0].reject(e);
      // Nothing of the failed batch was written (one statement): each call alone, so the error reaches only its own.
      await Promise.all(batch.map((w) => this.run([w.item]).then(([o]) => w.resolve(o), w.reject)));
      return;
    }
    batch.forEach((w, i) => w.resolve(out[i]));
  }
}
