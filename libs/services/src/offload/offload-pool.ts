import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { appConfig, AppConfig, DomainError } from '@tracker/common';
import { DecodedPolicyText, DocumentInputError, PolicyAnalysis } from '@tracker/documents';
import { Piscina } from 'piscina';
import { WorkbookSpec } from '../common/xlsx-table';
import {
  AnalyseTask,
  DecodeTask,
  OFFLOAD_TASKS,
  OffloadTaskName,
  Refusable,
} from './offload.tasks';

type TaskInput<N extends OffloadTaskName> = Parameters<(typeof OFFLOAD_TASKS)[N]>[0];
type TaskResult<N extends OffloadTaskName> = Awaited<ReturnType<(typeof OFFLOAD_TASKS)[N]>>;

/** How long a full pool asks the client to wait before trying again. */
const BUSY_RETRY_AFTER_S = 10;

/**
 * The threads' entry script, found above this file (running from the sources) or above the
 * working directory (a built bundle started from the project root, as the image does).
 */
function workerEntry(): string {
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'scripts', 'offload-worker.js');
      if (existsSync(candidate)) return candidate;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error(`scripts/offload-worker.js not found above ${__dirname} or ${process.cwd()}`);
}

/**
 * Worker threads for the CPU-heavy work of a request (document reading and extraction, workbooks),
 * so one large upload never holds the event loop: every other request keeps being answered.
 * The queue in front of the threads is bounded (a full pool answers 503 SERVER_BUSY with
 * Retry-After at once, instead of every caller waiting), and each task has a deadline: past it
 * the pool's threads are terminated (a CPU-bound task cannot be interrupted any other way) and
 * the caller gets 422 WORK_TIMED_OUT. Threads start on first use; all
 * but one stop when idle.
 */
@Injectable()
export class OffloadPool implements OnModuleDestroy {
  private readonly logger = new Logger(OffloadPool.name);
  private pool: Piscina | null = null;

  constructor(@Inject(appConfig.KEY) private readonly app: AppConfig) {}

  private threads(): Piscina {
    this.pool ??= new Piscina({
      filename: workerEntry(),
      // One thread stays once started (with none, piscina 4 left the first task waiting under jest).
      minThreads: 1,
      maxThreads: this.app.offload.threads,
      maxQueue: this.app.offload.queue,
      idleTimeout: 60_000,
      // A pathological input exhausts its own thread's heap, not the api's.
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
    return this.pool;
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.destroy();
    this.pool = null;
  }

  async decode(task: DecodeTask): Promise<DecodedPolicyText> {
    return this.unwrap(await this.run('decode', task, task.fileName), task.fileName);
  }

  async analyse(task: AnalyseTask): Promise<{ analysis: PolicyAnalysis; contentHash: string }> {
    return this.unwrap(await this.run('analyse', task, task.fileName), task.fileName);
  }

  async workbook(spec: WorkbookSpec): Promise<Buffer> {
    const bytes = await this.run('workbook', spec, 'workbook');
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private unwrap<T>(result: Refusable<T>, fileName: string): T {
    if ('value' in result) return result.value;
    // The same error the extractor throws inline, so callers map it one way.
    throw new DocumentInputError(
      result.refused.code,
      fileName,
      result.refused.message.replace(`${fileName}: `, ''),
    );
  }

  private async run<N extends OffloadTaskName>(
    name: N,
    input: TaskInput<N>,
    what: string,
  ): Promise<TaskResult<N>> {
    const pool = this.threads();
    const { timeoutMs, threads, queue } = this.app.offload;
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    // Our own deadline, not piscina's AbortSignal: aborting a task that waits for a busy thread
    // trips an assertion inside piscina 4.9 that ends the process. It starts when the thread says
    // it has begun (THREAD_TASKS), so a thread's start-up or a wait in the queue never counts.
    const { port1: begun, port2: begunInThread } = new MessageChannel();
    begun.unref();
    const late = new Promise<'late'>((resolve) => {
      begun.once('message', () => {
        timer = setTimeout(() => resolve('late'), timeoutMs);
        timer.unref();
      });
    });
    const running = pool.run(
      { input, begun: begunInThread },
      { name, transferList: [begunInThread] },
    ) as Promise<TaskResult<N>>;
    try {
      const outcome = await Promise.race([running, late]);
      if (outcome !== 'late') return outcome;
      running.catch(() => undefined);
      // A CPU-bound task cannot be interrupted: the pool's threads are stopped and a fresh pool
      // serves the next request. Tasks that shared the old pool answer SERVER_BUSY (retry).
      this.recycle(pool);
      this.logger.warn(
        { task: name, what, timeoutMs },
        'offloaded task timed out; its threads were stopped',
      );
      throw new DomainError(
        'WORK_TIMED_OUT',
        `${what}: not finished within ${Math.round(timeoutMs / 1000)} s`,
        {
          timeoutSeconds: Math.round(timeoutMs / 1000),
        },
      );
    } catch (error) {
      if (error instanceof DomainError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      if (message === 'Task queue is at limit' || message === 'Terminating worker thread') {
        this.logger.warn(
          { task: name, queued: pool.queueSize, reason: message },
          'offload pool busy',
        );
        throw new DomainError(
          'SERVER_BUSY',
          `${what}: all ${threads} worker threads are busy and ${queue} tasks wait`,
          {
            retryAfterSeconds: BUSY_RETRY_AFTER_S,
          },
        );
      }
      throw error;
    } finally {
      clearTimeout(timer);
      begun.close();
      this.logger.debug(
        { task: name, ms: Math.round(performance.now() - started) },
        'offloaded task',
      );
    }
  }

  private recycle(pool: Piscina): void {
    if (this.pool === pool) this.pool = null;
    pool
      .destroy()
      .catch((error: unknown) =>
        this.logger.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'offload pool stop failed',
        ),
      );
  }
}
