interface Waiting<I, O> {
  item: I;
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
 */
export class Coalescer<I, O> {
  private pending: Waiting<I, O>[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    /** Runs the items as one statement; answers one output per item, in the same order. */
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly limits: { maxBatch: number; maxInFlight: number },
  ) {}

  call(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
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
      const batch = this.pending.splice(0, this.limits.maxBatch);
      this.inFlight++;
      void this.runBatch(batch).finally(() => {
        this.inFlight--;
        this.kick();
      });
    }
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
