import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { JobsOptions, Queue } from 'bullmq';
import { jobId } from './job-ids';
import { JOB_OPTIONS } from './job-options';
import { JOB_QUEUE, JobName, JobPayloads } from './job-payloads';

/** The one way to enqueue: typed payloads, options from JOB_OPTIONS, deterministic ids. */
@Injectable()
export class JobProducer {
  constructor(private readonly moduleRef: ModuleRef) {}

  queueFor(name: JobName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(JOB_QUEUE[name]), { strict: false });
  }

  async add<N extends JobName>(name: N, data: JobPayloads[N], extra: JobsOptions = {}): Promise<string> {
    const id = jobId(name, data);
    await this.queueFor(name).add(name, data, { ...JOB_OPTIONS[name], ...extra, jobId: id });
    return id;
  }
}
