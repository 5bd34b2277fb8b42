import { createServer, Server } from 'node:http';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { appConfig, AppConfig } from '@tracker/common';
import {
  JOB_QUEUE,
  JobName,
  JobProducer,
  QUEUE_NAMES,
  QueueName,
  wallClockAge,
} from '@tracker/queue';
import { MailDeliveryService } from '@tracker/services';

/** A job that failed for good this recently is still news: the reconcile or the relay should have re-created it. */
const FAILED_WINDOW_MS = 24 * 3_600_000;
const FAILED_SCAN = 200;

export interface WorkerHealthReport {
  status: 'ok' | 'degraded' | 'down';
  pid: number;
  /** Jobs that failed for good (retries used up, or stalled too often) within the last 24 h, per queue. */
  failed: Partial<Record<QueueName, number>>;
  /** Owed mail (unsent, not given up) with no live job in Redis: lost, or failed for good. */
  mailWithoutJob: number;
  problems: string[];
}

/** The first job name of each queue: the producer resolves queues by job name. */
const QUEUE_PROBE = Object.fromEntries(
  (Object.entries(JOB_QUEUE) as [JobName, QueueName][])
    .map(([name, queue]) => [queue, name])
    .reverse(),
) as Record<QueueName, JobName>;

/**
 * The worker's health on WORKER_HEALTH_PORT: 200 when no work is stuck, 503 when a job failed for
 * good or owed mail has no live job (and when Redis or PostgreSQL cannot be asked). A process that
 * answers 200 is alive; one that answers 503 needs the reconcile, the relay or a person.
 */
@Injectable()
export class WorkerHealth implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHealth.name);
  private server?: Server;

  constructor(
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    private readonly jobs: JobProducer,
    private readonly mail: MailDeliveryService,
  ) {}

  async check(): Promise<WorkerHealthReport> {
    const report: WorkerHealthReport = {
      status: 'ok',
      pid: process.pid,
      failed: {},
      mailWithoutJob: 0,
      problems: [],
    };
    try {
      for (const queue of QUEUE_NAMES) {
        const failed = await this.jobs.queueFor(QUEUE_PROBE[queue]).getFailed(0, FAILED_SCAN - 1);
        const recent = failed.filter(
          (j) => j && wallClockAge(j.finishedOn ?? j.timestamp) < FAILED_WINDOW_MS,
        ).length;
        if (recent) {
          report.failed[queue] = recent;
          report.problems.push(`${recent} ${queue} job(s) failed for good`);
        }
      }
      report.mailWithoutJob = (await this.mail.listFailed({ limit: 200 })).items.filter(
        (d) => d.state === 'stalled',
      ).length;
      if (report.mailWithoutJob)
        report.problems.push(`${report.mailWithoutJob} unsent mail(s) without a live job`);
      if (report.problems.length) report.status = 'degraded';
    } catch (error: unknown) {
      report.status = 'down';
      report.problems.push(error instanceof Error ? error.message : String(error));
    }
    return report;
  }

  onApplicationBootstrap(): void {
    if (this.app.workerHealthPort <= 0) return;
    this.server = createServer((_req, res) => {
      void this.check().then((r) => {
        res.writeHead(r.status === 'ok' ? 200 : 503, {
          'content-type': 'application/json; charset=utf-8',
        });
        res.end(JSON.stringify(r));
      });
    });
    this.server.on('error', (err) =>
      this.logger.error(
        { err: err.message, port: this.app.workerHealthPort },
        'worker health port failed',
      ),
    );
    this.server.listen(this.app.workerHealthPort, '127.0.0.1');
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
