import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Job, JobsOptions, JobState, Queue } from 'bullmq';
import { jobId } from './job-ids';
import { JOB_OPTIONS } from './job-options';
import { JOB_QUEUE, JobName, JobPayloads } from './job-payloads';
import { QUEUE_NAMES } from './queue-names';

/** Per-job options a caller may add (timing, a flow parent, a shorter backoff); never the id. */
export type ExtraJobOptions = Omit<JobsOptions, 'jobId'>;

export interface JobSpec<N extends JobName> {
  data: JobPayloads[N];
  extra?: ExtraJobOptions;
}

/** What `ensure` found: a live job left alone, a missing one added, a failed one added again. */
export type EnsureOutcome = 'present' | 'added' | 'replaced';

/** The one way to enqueue: typed payloads, options from JOB_OPTIONS, deterministic ids. */
@Injectable()
export class JobProducer implements OnModuleInit {
  private readonly logger = new Logger(JobProducer.name);

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    // A queue without an 'error' listener prints every reconnect failure to the console.
    for (const name of QUEUE_NAMES) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      queue.on('error', (error) =>
        this.logger.warn({ queue: name, err: error.message }, 'queue connection error'),
      );
    }
  }

  queueFor(name: JobName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(JOB_QUEUE[name]), { strict: false });
  }

  /**
   * Whether Redis answers a PING within `timeoutMs`. A connection that is not ready (Redis away,
   * reconnecting) answers false at once, without queueing the command.
   */
  async reachable(timeoutMs: number): Promise<boolean> {
    const queue = this.queueFor('cycle-run');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
      timer.unref();
    });
    const ping = (async () => {
      const client = await queue.backend.client;
      if (client.status !== 'ready') return false;
      // A read of a key nobody writes: one round trip, as cheap as a PING.
      await client.get(`${queue.qualifiedName}:reachable`);
      return true;
    })().catch(() => false);
    try {
      return await Promise.race([ping, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  async add<N extends JobName>(
    name: N,
    data: JobPayloads[N],
    extra: ExtraJobOptions = {},
  ): Promise<string> {
    const id = jobId(name, data);
    await this.queueFor(name).add(name, data, { ...JOB_OPTIONS[name], ...extra, jobId: id });
    return id;
  }

  /** Many jobs of one name in one round trip (a fan-out chunk). */
  async addBulk<N extends JobName>(name: N, specs: JobSpec<N>[]): Promise<number> {
    if (specs.length === 0) return 0;
    await this.queueFor(name).addBulk(
      specs.map((s) => ({
        name,
        data: s.data,
        opts: { ...JOB_OPTIONS[name], ...s.extra, jobId: jobId(name, s.data) },
      })),
    );
    return specs.length;
  }

  /** The job of this business key, if Redis holds one. */
  async get<N extends JobName>(name: N, data: JobPayloads[N]): Promise<Job | undefined> {
    return this.queueFor(name).getJob(jobId(name, data));
  }

  async state<N extends JobName>(name: N, data: JobPayloads[N]): Promise<JobState | 'unknown'> {
    return this.queueFor(name).getJobState(jobId(name, data));
  }

  /**
   * Makes sure each job exists and can still run: a job Redis never saw is added, and a job that
   * failed for good (retries used up, or stalled too often in a crash loop) is removed and added
   * again under the same id. The caller asks only for work PostgreSQL says is still owed.
   */
  async ensure<N extends JobName>(name: N, specs: JobSpec<N>[]): Promise<EnsureOutcome[]> {
    const queue = this.queueFor(name);
    const ids = specs.map((s) => jobId(name, s.data));
    const states = await this.presence(queue, ids);
    const outcomes: EnsureOutcome[] = states.map((s) =>
      s === 'missing' ? 'added' : s === 'failed' ? 'replaced' : 'present',
    );
    for (let i = 0; i < ids.length; i += 1) {
      if (outcomes[i] !== 'replaced') continue;
      if (!(await this.removeQuietly(queue, ids[i]))) outcomes[i] = 'present';
    }
    await this.addBulk(
      name,
      specs.filter((_, i) => outcomes[i] !== 'present'),
    );
    if (outcomes.includes('replaced')) {
      this.logger.warn(
        { jobName: name, replaced: outcomes.filter((o) => o === 'replaced').length },
        'failed jobs re-created from PostgreSQL',
      );
    }
    return outcomes;
  }

  /**
   * Whether each job exists and whether it failed for good, in one pipelined round trip of O(1)
   * commands (its hash, its score in the failed set). `getJobState` instead runs a script that
   * searches the wait list with LPOS: asked once per job of a 20,000-job chunk, that is quadratic.
   */
  private async presence(queue: Queue, ids: string[]): Promise<('missing' | 'failed' | 'live')[]> {
    if (ids.length === 0) return [];
    const client = await queue.backend.client;
    const pipeline = client.pipeline();
    for (const id of ids) {
      pipeline.runCommand('exists', [queue.toKey(id)]);
      pipeline.runCommand('zscore', [queue.keys.failed, id]);
    }
    const replies = (await pipeline.exec()) ?? [];
    return ids.map((_, i) => {
      const [existsError, exists] = replies[2 * i] ?? [];
      const [scoreError, score] = replies[2 * i + 1] ?? [];
      if (existsError) throw existsError;
      if (scoreError) throw scoreError;
      if (Number(exists) === 0) return 'missing';
      return score !== null && score !== undefined ? 'failed' : 'live';
    });
  }

  /** Removes a finished job so its id can be used again; false if it came alive meanwhile (locked). */
  async removeQuietly(queue: Queue, id: string): Promise<boolean> {
    try {
      await queue.remove(id);
      return (await queue.getJobState(id)) === 'unknown';
    } catch (error: unknown) {
      this.logger.warn({ jobId: id, err: (error as Error).message }, 'job not removed');
      return false;
    }
  }
}
