import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { JobsOptions, Queue } from 'bullmq';
import { jobId } from './job-ids';
import { JOB_OPTIONS } from './job-options';
import { JOB_QUEUE, JobName, JobPayloads } from './job-payloads';
import { QUEUE_NAMES } from './queue-names';

/** The one way to enqueue: typed payloads, options from JOB_OPTIONS, deterministic ids. */
@Injectable()
export class JobProducer implements OnModuleInit {
  private readonly logger = new Logger(JobProducer.name);

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    // A queue without an 'error' listener prints every reconnect failure to the console.
    for (const name of QUEUE_NAMES) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      queue.on('error', (error) => this.logger.warn({ queue: name, err: error.message }, 'queue connection error'));
    }
  }

  queueFor(name: JobName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(JOB_QUEUE[name]), { strict: false });
  }

  async add<N extends JobName>(name: N, data: JobPayloads[N], extra: JobsOptions = {}): Promise<string> {
    const id = jobId(name, data);
    await this.queueFor(name).add(name, data, { ...JOB_OPTIONS[name], ...extra, jobId: id });
    return id;
  }
}
