import { Inject, Injectable, Logger } from '@nestjs/common';
import { appConfig, AppConfig, BusinessFileClock, DomainError } from '@tracker/common';
import { Clock, CLOCK, parseIsoDuration } from '@tracker/domain';
import { JobName, JobProducer } from '@tracker/queue';
import { Actor } from '../access/actor';

export interface DevClockView {
  at: Date;
  mode: 'file';
  file: string;
  /** Sleeping jobs whose business time had come and were woken. */
  woken?: number;
}

// Jobs that sleep until a business time (their data carries notBefore): ladders, acknowledgement ladders, cycles.
const SLEEPERS: JobName[] = ['ladder-step', 'ack-step', 'cycle-run'];

/**
 * Development only: moves the business clock the api and the worker share, then does what the
 * wall clock would have done meanwhile: wakes the jobs whose business time has come and runs the
 * daily cycle opening and deadline sweep once. Answers 404 unless BUSINESS_CLOCK=file (which
 * production refuses to start with).
 */
@Injectable()
export class DevClockService {
  private readonly logger = new Logger(DevClockService.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    private readonly jobs: JobProducer,
  ) {}

  get(): DevClockView {
    const clock = this.fileClock();
    return { at: clock.now(), mode: 'file', file: clock.file };
  }

  async move(actor: Actor, change: { at?: string; advance?: string }): Promise<DevClockView> {
    const clock = this.fileClock();
    const fields: Record<string, string[]> = {};
    if ((change.at === undefined) === (change.advance === undefined))
      fields.at = ['give either at (an ISO 8601 instant) or advance (a duration like P1D)'];
    const at = change.at !== undefined ? Date.parse(change.at) : NaN;
    if (change.at !== undefined && Number.isNaN(at))
      fields.at = ['must be an ISO 8601 instant, e.g. 2020-10-12T09:00:00+08:00'];
    const by = change.advance !== undefined ? parseIsoDuration(change.advance) : null;
    if (change.advance !== undefined && by === null)
      fields.advance = [
        'must be an ISO 8601 duration in weeks, days, hours, minutes or seconds, e.g. P1D or PT6H',
      ];
    if (Object.keys(fields).length)
      throw new DomainError('VALIDATION_FAILED', Object.values(fields).flat().join('; '), {
        fields,
      });
    const before = clock.now();
    const now = clock.set(
      new Date(change.at !== undefined ? at : before.getTime() + (by as number)),
    );
    this.logger.log(
      { actorId: actor.id, from: before.toISOString(), to: now.toISOString() },
      'business clock moved',
    );
    const woken = await this.wakeDue(now);
    const requestedAt = now.toISOString();
    await this.jobs.add('cycles-open-due', { requestedAt });
    await this.jobs.add('deadline-sweep', { requestedAt });
    return { at: now, mode: 'file', file: clock.file, woken };
  }

  private async wakeDue(now: Date): Promise<number> {
    let woken = 0;
    for (const name of SLEEPERS) {
      for (const job of await this.jobs.queueFor(name).getDelayed()) {
        const notBefore = (job?.data as { notBefore?: string } | undefined)?.notBefore;
        if (!job || job.repeatJobKey || !notBefore || Date.parse(notBefore) > now.getTime())
          continue;
        // A job that left the delayed set meanwhile needs no waking.
        if (
          await job.promote().then(
            () => true,
            () => false,
          )
        )
          woken += 1;
      }
    }
    return woken;
  }

  private fileClock(): BusinessFileClock {
    if (this.app.env === 'production' || !(this.clock instanceof BusinessFileClock)) {
      throw new DomainError('NOT_FOUND', 'The business clock is the system clock here');
    }
    return this.clock;
  }
}
