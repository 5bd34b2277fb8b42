import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { appConfig, AppConfig, DomainError } from '@tracker/common';
import { Clock, CLOCK, pageLinks } from '@tracker/domain';
import { buildCalendarFeed, CalendarEntry } from '@tracker/notify';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService, UNIT_CHAIN_SQL } from '../access/access.service';
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
      if (unit.calendar_token) return { unitId, url: this.feedUrl(unit.calendar_token) };
      return { unitId, url: this.feedUrl(await this.setToken(em, actor, unitId, 'calendar.create')) };
    });
  }

  /** A new secret: the old URL stops working at once. */
  async rotate(actor: Actor, unitId: string): Promise<CalendarLink> {
    return this.dataSource.transaction(async (em) => {
      await this.lockVisibleUnit(em, actor, unitId);
      return { unitId, url: this.feedUrl(await this.setToken(em, actor, unitId, 'calendar.rotate')) };
    });
  }

  /** The feed for a secret; an unknown secret reads as not found. */
  async feed(token: string): Promise<string> {
    const [unit] = (await this.dataSource.query(`SELECT id, name FROM units WHERE calendar_token = $1`, [token])) as { id: string; name: string }[];
    if (!unit || token.length < 20) throw new CalendarError('CALENDAR_NOT_FOUND', 'No calendar at this address');
    const rows: EntryRow[] = await this.dataSource.query(
      `WITH chain AS (${UNIT_CHAIN_SQL})
       SELECT 'task_deadline' AS kind, t.id AS task_id, NULL::uuid AS report_id, t.path, t.heading, a.role, NULL AS period,
              to_char(t.deadline_on, 'YYYY-MM-DD') AS on_date
         FROM assignments a JOIN tasks t ON t.id = a.task_id
        WHERE a.unit_id IN (SELECT id FROM chain) AND a.state IN ('pending', 'acknowledged')
          AND t.state = 'open' AND t.deadline_on IS NOT NULL
       UNION ALL
       SELECT 'report_due', t.id, r.id, t.path, t.heading, 'lead', c.period,
              to_char((r.due_at - interval '1 millisecond') AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')
         FROM status_reports r JOIN reporting_cycles c ON c.id = r.cycle_id JOIN tasks t ON t.id = r.task_id
        WHERE r.unit_id IN (SELECT id FROM chain) AND c.state <> 'closed' AND t.state = 'open'
       ORDER BY on_date, path`,
      [unit.id],
    );
    const entries: CalendarEntry[] = rows.map((r) => ({
      uid: r.kind === 'task_deadline' ? `task-${r.task_id}-${unit.id}@tracker` : `report-${r.report_id}@tracker`,
      kind: r.kind,
      on: r.on_date,
      taskLabel: r.path.join(''),
      heading: r.heading,
      role: r.role,
      period: r.period,
      url: pageLinks(this.app.publicUrl).task(r.task_id),
    }));
    return buildCalendarFeed(unit.name, entries, this.clock.now());
  }

  private async lockVisibleUnit(em: EntityManager, actor: Actor, unitId: string): Promise<{ calendar_token: string | null }> {
    const mine = hasRole(actor, 'office', 'admin') || (await this.access.unitChain(em, actor)).includes(unitId);
    const [unit] = mine
      ? ((await em.query(`SELECT calendar_token FROM units WHERE id = $1 FOR UPDATE`, [unitId])) as { calendar_token: string | null }[])
      : [];
    if (!unit) throw new CalendarError('UNIT_NOT_FOUND', `Unit ${unitId} not found`);
    return unit;
  }

  private async setToken(em: EntityManager, actor: Actor, unitId: string, action: string): Promise<string> {
    const token = randomBytes(24).toString('base64url');
    await em.query(`UPDATE units SET calendar_token = $2 WHERE id = $1`, [unitId, token]);
    // The secret itself is never audited or logged.
    await this.audit.record(em, {
      actorId: actor.id, actorUnitId: actor.unitId, action, targetType: 'unit', targetId: unitId,
      channel: actor.channel, requestId: actor.requestId,
    });
    return token;
  }
}

interface EntryRow {
  kind: 'task_deadline' | 'report_due';
  task_id: string;
  report_id: string | null;
  path: string[];
  heading: string;
  role: 'lead' | 'support';
  period: string | null;
  on_date: string;
}
