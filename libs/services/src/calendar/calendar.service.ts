import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { appConfig, AppConfig, DomainError } from '@tracker/common';
import { Clock, CLOCK, pageLinks } from '@tracker/domain';
import { buildCalendarFeed, CalendarEntry } from '@tracker/notify';
import { CalendarRepository } from '@tracker/database';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Actor, hasRole } from '../access/actor';
import { AuditService } from '../audit/audit.service';

export class CalendarError extends DomainError<'CALENDAR_NOT_FOUND' | 'UNIT_NOT_FOUND'> {}

export interface CalendarLink {
  unitId: string;
  url: string;
}

/**
 * Each unit's deadlines and report due dates as an iCalendar feed behind a secret URL
 * (`units.calendar_token`). The unit's own members and the office may read or rotate the URL.
 */
@Injectable()
export class CalendarService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  private feedUrl(token: string): string {
    return `${this.app.publicUrl}/api/calendar/feeds/${token}.ics`;
  }

  /** The unit's feed URL, creating its secret on first use. */
  async link(actor: Actor, unitId: string): Promise<CalendarLink> {
    return this.dataSource.transaction(async (em) => {
      const unit = await this.lockVisibleUnit(em, actor, unitId);
      if (unit.token) return { unitId, url: this.feedUrl(unit.token) };
      return {
        unitId,
        url: this.feedUrl(await this.setToken(em, actor, unitId, 'calendar.create')),
      };
    });
  }

  /** A new secret: the old URL stops working at once. */
  async rotate(actor: Actor, unitId: string): Promise<CalendarLink> {
    return this.dataSource.transaction(async (em) => {
      await this.lockVisibleUnit(em, actor, unitId);
      return {
        unitId,
        url: this.feedUrl(await this.setToken(em, actor, unitId, 'calendar.rotate')),
      };
    });
  }

  /** The feed for a secret; an unknown secret reads as not found. */
  async feed(token: string): Promise<string> {
    const calendar = new CalendarRepository(this.dataSource.manager);
    const unit = await calendar.unitByToken(token);
    if (!unit || token.length < 20)
      throw new CalendarError('CALENDAR_NOT_FOUND', 'No calendar at this address');
    const rows = await calendar.entries(unit.id);
    const entries: CalendarEntry[] = rows.map((r) => ({
      uid:
        r.kind === 'task_deadline'
          ? `task-${r.taskId}-${unit.id}@tracker`
          : `report-${r.reportId}@tracker`,
      kind: r.kind,
      on: r.onDate,
      taskLabel: r.taskPath.join(''),
      heading: r.heading,
      role: r.role,
      period: r.period,
      url: pageLinks(this.app.publicUrl).task(r.taskId),
    }));
    return buildCalendarFeed(unit.name, entries, this.clock.now());
  }

  private async lockVisibleUnit(
    em: EntityManager,
    actor: Actor,
    unitId: string,
  ): Promise<{ token: string | null }> {
    const mine =
      hasRole(actor, 'office', 'admin') ||
      (await this.access.unitChain(em, actor)).includes(unitId);
    const unit = mine ? await new CalendarRepository(em).lockToken(unitId) : null;
    if (!unit) throw new CalendarError('UNIT_NOT_FOUND', `Unit ${unitId} not found`);
    return unit;
  }

  private async setToken(
    em: EntityManager,
    actor: Actor,
    unitId: string,
    action: string,
  ): Promise<string> {
    const token = randomBytes(24).toString('base64url');
    await new CalendarRepository(em).setToken(unitId, token);
    // The secret itself is never audited or logged.
    await this.audit.record(em, {
      actorId: actor.id,
      actorUnitId: actor.unitId,
      action,
      targetType: 'unit',
      targetId: unitId,
      channel: actor.channel,
      requestId: actor.requestId,
    });
    return token;
  }
}
