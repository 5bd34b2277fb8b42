import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, CLOCK } from '@tracker/domain';
import { Heartbeat, HeartbeatsRepository } from '@tracker/database';
import { JobProducer, JobPayloads, WORKER_NAME } from '@tracker/queue';
import { DataSource } from 'typeorm';

/** The heartbeat: a job from the api through Redis to the worker, recorded in PostgreSQL. */
@Injectable()
export class MaintenanceService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobProducer,
  ) {}

  async requestHeartbeat(): Promise<{ token: string; jobId: string }> {
    const token = randomUUID();
    const jobId = await this.jobs.add('heartbeat', {
      token,
      requestedAt: this.clock.now().toISOString(),
    });
    return { token, jobId };
  }

  /** Idempotent: a retried job finds its row and changes nothing. */
  async recordHeartbeat(data: JobPayloads['heartbeat']): Promise<'done' | 'skipped'> {
    const recorded = await new HeartbeatsRepository(this.dataSource.manager).record({
      token: data.token,
      requestedAt: new Date(data.requestedAt),
      processedAt: this.clock.now(),
      worker: WORKER_NAME,
    });
    return recorded ? 'done' : 'skipped';
  }

  async findHeartbeat(token: string): Promise<Heartbeat | null> {
    return new HeartbeatsRepository(this.dataSource.manager).find(token);
  }
}
