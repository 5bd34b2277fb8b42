import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { appConfig, AppConfig } from '@tracker/common';
import { Clock, CLOCK, DAY, pageLinks, shanghaiDate } from '@tracker/domain';
import { DigestsRepository } from '@tracker/database';
import { composeDigest, DigestModel } from '@tracker/notify';
import { DataSource } from 'typeorm';
import { MailOutboxService } from '../mail/mail-outbox.service';
import {
  agencyDeadlines,
  awaitingAck,
  cycleProgress,
  deferredNotices,
  DigestWindow,
  escalationsRaised,
  returnedReports,
} from './digest-read-models';

export type DigestCadence = 'daily' | 'weekly';

export interface DigestRunResult {
  period: string;
  considered: number;
  created: number;
  empty: number;
}

/**
 * Compiles the digests of one period: weekly for agencies (due within 14 days, overdue, awaiting
 * acknowledgement, returned reports), daily for the office (new escalations, cycle progress) and
 * for leaders (what was raised to them), plus anyone's notices they asked to get in a digest.
 * A digest with nothing to say is not written; `digests` is unique per (user, cadence, period), so a
 * re-run writes and sends nothing twice.
 */
@Injectable()
export class DigestsService {
  private readonly logger = new Logger(DigestsService.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    private readonly outbox: MailOutboxService,
  ) {}

  async run(cadence: DigestCadence, periodEnd?: Date): Promise<DigestRunResult> {
    const to = periodEnd ?? this.clock.now();
    const w: DigestWindow = {
      from: new Date(to.getTime() - (cadence === 'daily' ? DAY : 7 * DAY)),
      to,
      today: shanghaiDate(to),
      publicUrl: this.app.publicUrl,
    };
    const em = this.dataSource.manager;
    const digests = new DigestsRepository(em);
    const users = await digests.recipients();
    // Shared by every office (or leader) recipient of the run.
    const office =
      cadence === 'daily'
        ? { newEscalations: await escalationsRaised(em, w, 1), cycles: await cycleProgress(em) }
        : null;
    const leaders = cadence === 'daily' ? await escalationsRaised(em, w, 3) : [];
    const created: string[] = [];
    let empty = 0;
    for (const u of users) {
      const model: DigestModel = {
        cadence,
        period: w.today,
        unitName: u.unitName,
        dueSoon: [],
        overdue: [],
        awaitingAck: [],
        returned: [],
        newEscalations: [],
        cycles: [],
        raisedToLeaders: [],
        notices: await deferredNotices(em, u.id, cadence, w),
        inboxUrl: pageLinks(this.app.publicUrl).inbox(),
      };
      if (cadence === 'weekly' && u.unitId && u.roles.includes('agency')) {
        Object.assign(model, await agencyDeadlines(em, u.unitId, w));
        model.awaitingAck = await awaitingAck(em, u.unitId, w);
        model.returned = await returnedReports(em, u.unitId, w);
      }
      if (office && u.roles.includes('office')) {
        model.newEscalations = office.newEscalations;
        model.cycles = office.cycles;
      }
      if (u.roles.includes('leader')) model.raisedToLeaders = leaders;
      const mail = composeDigest(
        { email: u.email, displayName: u.displayName, locale: u.locale },
        model,
      );
      if (!mail) {
        empty += 1;
        continue;
      }
      const digestId = await digests.insert({
        userId: u.id,
        cadence,
        period: w.today,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        createdAt: this.clock.now(),
      });
      if (digestId) created.push(digestId);
    }
    await this.outbox.afterCommit(
      em,
      created.map((digestId) => ({ name: 'digest-deliver' as const, digestId })),
    );
    this.logger.log(
      { cadence, period: w.today, considered: users.length, created: created.length, empty },
      'digests compiled',
    );
    return { period: w.today, considered: users.length, created: created.length, empty };
  }
}
