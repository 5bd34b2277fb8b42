import { Logger } from '@nestjs/common';

/** How long a request waits for Redis after its transaction committed. */
export const ENQUEUE_DEADLINE_MS = 1_500;

/**
 * Runs the queue side of a change that PostgreSQL has already committed, waiting at most
 * `ENQUEUE_DEADLINE_MS`. Redis being slow or down never fails nor holds the request: the state is
 * saved, and the worker's reconcile re-derives the jobs from PostgreSQL (a command still queued in
 * the connection runs once Redis is back; job ids are deterministic, so it adds nothing twice).
 */
export async function afterCommit(logger: Pick<Logger, 'warn'>, what: string, work: () => Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ENQUEUE_DEADLINE_MS);
    timer.unref();
  });
  const running = work().then(
    () => 'done' as const,
    (error: unknown) => {
      logger.warn({ what, err: error instanceof Error ? error.message : String(error) }, 'enqueue after commit failed; the reconcile catches up');
      return 'failed' as const;
    },
  );
  const outcome = await Promise.race([running, deadline]);
  clearTimeout(timer);
  if (outcome === 'late') logger.warn({ what, deadlineMs: ENQUEUE_DEADLINE_MS }, 'enqueue after commit still waiting for Redis; answering without it');
}
