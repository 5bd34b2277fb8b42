/**
 * Queue-side work of several transactions run one after another in the background, each pushed
 * after its transaction committed: a batch of many transactions (a cycle's rung) writes its next
 * page meanwhile and awaits `done()` at the end, which fails with the first error. The rows are
 * committed either way; what a failure leaves out is re-derived from PostgreSQL (a re-run, the
 * reconcile, the mail relay).
 */
export class CommitChain {
  private tail: Promise<void> = Promise.resolve();
  private error: unknown = null;

  push(work: () => Promise<void>): void {
    this.tail = this.tail.then(async () => {
      if (this.error !== null) return;
      try {
        await work();
      } catch (error: unknown) {
        this.error = error;
      }
    });
  }

  async done(): Promise<void> {
    await this.tail;
    if (this.error !== null) throw this.error;
  }
}
