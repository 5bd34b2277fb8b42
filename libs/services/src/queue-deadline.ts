import { Logger } from '@nestjs/common';
import { DomainError } from '@tracker/common';

/** How long a write asks Redis before it commits anything. */
export const QUEUE_CHECK_MS = 1_000;

/** What a write refused for want of Redis tells the client to wait (seconds). */
export const QUEUE_RETRY_AFTER_S = 5;

/**
 * A write whose change is followed by a job (a report filed wakes its ladder) asks Redis first and
 * refuses before committing when it does not answer: 503 DEPENDENCY_UNAVAILABLE with Retry-After,
 * nothing saved, so the client's retry once Redis is back does the whole change (never a 409 for
 * a change already made whose job went nowhere). Redis failing in the instant between this check
 * and the enqueue is what `afterCommit` and the worker's reconcile cover.
 */
export async function requireQueue(
  jobs: { reachable(timeoutMs: number): Promise<boolean> },
  what: string,
): Promise<void> {
  if (await jobs.reachable(QUEUE_CHECK_MS)) return;
  throw new DomainError(
    'DEPENDENCY_UNAVAILABLE',
    `${what}: the job queue (Redis) does not answer; nothing was saved`,
    {
      retryAfterSeconds: QUEUE_RETRY_AFTER_S,
    },
  );
}

/** How long a request waits for Redis after its transaction committed. */
export const ENQUEUE_DEADLINE_MS = 1_500;

/**
 * Runs the queue side of a change that PostgreSQL has already committed, waiting at most
 * `ENQUEUE_DEADLINE_MS`. Redis being slow or down never fails nor holds the request: the state is
 * saved, and the worker's reconcile re-derives the jobs from PostgreSQL (a command still queued in
 * the connection runs once Redis is back; job ids are deterministic, so it adds nothing twice).
 */
export async function afterCommit(
  logger: Pick<Logger, 'warn'>,
  what: string,
  work: () => Promise<unknown>,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ENQUEUE_DEADLINE_MS);
    timer.unref();
  });
  const running = work().then(
    () => 'done' as const,
    (error: unknown) => {
      logger.warn(
        { what, err: error instanceof Error ? error.message : String(error) },
        'enqueue after commit failed; the reconcile catches up',
      );
      return 'failed' as const;
    },
  );
  const outcome = await Promise.race([running, deadline]);
  clearTimeout(timer);
  if (outcome === 'late')
    logger.warn(
      { what, deadlineMs: ENQUEUE_DEADLINE_MS },
      'enqueue after commit still waiting for Redis; answering without it',
    );
}
