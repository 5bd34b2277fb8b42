import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { citeClause, Clock, CLOCK, ClauseText } from '@tracker/domain';
import { BULLETIN_TEXT } from '@tracker/notify';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService, HELD_ASSIGNMENT_STATES } from '../access/access.service';
import { Actor, hasRole } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { reachedLeadingGroupSql } from '@tracker/database';
import { NoticesService } from '../notices/notices.service';
import { BulletinError } from './bulletins.errors';
import { BulletinContent, renderBulletinMarkdown } from './bulletin-content';
import { renderBulletinWorkbook } from './bulletin-workbook';

type Raw = Record<string, unknown>;
const iso = (d: unknown): string | null => (d ? (d as Date).toISOString() : null);
const rate = (n: number, d: number): number => (d ? n / d : 0);

/** Reports of a cycle still standing between it and its bulletin: neither accepted nor raised to level 3 for their current due time. */
const OUTSTANDING_SQL = `
  SELECT count(*)::int AS n FROM status_reports r JOIN tasks t ON t.id = r.task_id
   WHERE r.cycle_id = $1 AND r.state <> 'accepted' AND t.state = 'open'
     AND NOT ${reachedLeadingGroupSql('r')}`;

/** The quarterly bulletin (通报): compiled once per cycle, when every report is accepted or escalated to level 3. */
@Injectable()
export class BulletinsService {
  private readonly logger = new Logger(BulletinsService.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notices: NoticesService,
    private readonly audit: AuditService,
    private readonly access: AccessService,
  ) {}

  /**
   * The bulletin is mailed to every unit of its document, so their members may read it; another
   * unit gets the same 404 as for a bulletin not yet compiled. Office and leaders read them all.
   */
  private async requireReader(cycleId: string, actor?: Actor): Promise<void> {
    if (!actor || hasRole(actor, 'office', 'leader')) return;
    const chain = await this.access.unitChain(this.dataSource.manager, actor);
    const rows = await this.dataSource.query(
      `SELECT 1 FROM reporting_cycles c JOIN tasks t ON t.document_id = c.document_id JOIN assignments a ON a.task_id = t.id
        WHERE c.id = $1 AND a.unit_id = ANY($2::uuid[]) AND a.state IN ${HELD_ASSIGNMENT_STATES} LIMIT 1`,
      [cycleId, chain],
    );
    if (rows.length === 0) throw new BulletinError('BULLETIN_NOT_FOUND', `Cycle ${cycleId} has no bulletin for you`);
  }

  async outstanding(em: EntityManager, cycleId: string): Promise<number> {
    const [{ n }] = (await em.query(OUTSTANDING_SQL, [cycleId])) as { n: number }[];
    return n;
  }

  /** Compiles the bulletin if the cycle is complete; PostgreSQL, not the flow, decides. */
  async compileIfComplete(cycleId: string): Promise<{ compiled: boolean; outstanding: number }> {
    return this.dataSource.transaction(async (em) => {
      const [cycle] = (await em.query(
        `SELECT c.id, c.state FROM reporting_cycles c WHERE c.id = $1 FOR UPDATE`,
        [cycleId],
      )) as { id: string; state: string }[];
      if (!cycle) return { compiled: false, outstanding: 0 };
      const [existing] = (await em.query(`SELECT 1 FROM bulletins WHERE cycle_id = $1`, [cycleId])) as unknown[];
      if (existing) return { compiled: false, outstanding: 0 };
      const outstanding = await this.outstanding(em, cycleId);
      if (outstanding > 0) return { compiled: false, outstanding };
      const content = await this.compute(em, cycleId);
      await em.query(
        `INSERT INTO bulletins (cycle_id, compiled_at, content) VALUES ($1, $2, $3) ON CONFLICT (cycle_id) DO NOTHING`,
        [cycleId, this.clock.now(), JSON.stringify(content)],
      );
      await em.query(`UPDATE reporting_cycles SET state = 'closed', closed_at = $2 WHERE id = $1`, [cycleId, this.clock.now()]);
      const [doc] = (await em.query(`SELECT supervision_clauses AS clauses FROM policy_documents WHERE id = $1`, [content.documentId])) as { clauses: ClauseText[] }[];
      const clause = citeClause(content.documentTitle, doc.clauses, 'bulletin');
      await this.notices.raise(em, {
        dedupKey: `bulletin/${cycleId}`,
        kind: 'bulletin',
        level: 0,
        colour: 'blue',
        text: BULLETIN_TEXT(content.documentTitle, content.period),
        clause,
        // The bulletin goes to the leaders, the office and every unit with a task in the document (issue 6).
        recipients: { roles: ['office', 'leader'], unitMembers: await this.unitsOfDocument(em, content.documentId) },
        cycleId,
      });
      await this.audit.record(em, {
        actorId: null, action: 'bulletin.compile', targetType: 'reporting_cycle', targetId: cycleId,
        after: { totals: content.totals }, channel: 'worker',
      });
      this.logger.log({ cycleId, totals: content.totals }, 'bulletin compiled');
      return { compiled: true, outstanding: 0 };
    });
  }

  private async unitsOfDocument(em: EntityManager, documentId: string): Promise<string[]> {
    const rows: { unit_id: string }[] = await em.query(
      `SELECT DISTINCT a.unit_id FROM assignments a JOIN tasks t ON t.id = a.task_id
        WHERE t.document_id = $1 AND a.state IN ('pending', 'acknowledged')`,
      [documentId],
    );
    return rows.map((r) => r.unit_id);
  }

  private async compute(em: EntityManager, cycleId: string): Promise<BulletinContent> {
    const [c] = (await em.query(
      `SELECT c.id, c.period, c.due_at, d.id AS document_id, d.title FROM reporting_cycles c
         JOIN policy_documents d ON d.id = c.document_id WHERE c.id = $1`,
      [cycleId],
    )) as Raw[];
    const units: Raw[] = await em.query(
      `SELECT u.id, u.name, count(*)::int AS reports,
              count(*) FILTER (WHERE r.first_submitted_at <= r.due_at)::int AS on_time,
              count(*) FILTER (WHERE r.first_submitted_at > r.due_at)::int AS late,
              count(*) FILTER (WHERE r.first_submitted_at IS NULL)::int AS missing,
              count(*) FILTER (WHERE r.state = 'accepted')::int AS accepted
         FROM status_reports r JOIN units u ON u.id = r.unit_id
        WHERE r.cycle_id = $1 GROUP BY u.id, u.name ORDER BY u.name`,
      [cycleId],
    );
    const late: Raw[] = await em.query(
      `SELECT r.id, r.task_id, t.path, t.heading, u.name AS unit_name, r.due_at, r.first_submitted_at, r.state
         FROM status_reports r JOIN tasks t ON t.id = r.task_id JOIN units u ON u.id = r.unit_id
        WHERE r.cycle_id = $1 AND (r.first_submitted_at IS NULL OR r.first_submitted_at > r.due_at)
        ORDER BY t.ordinal, t.path_key, u.name`,
      [cycleId],
    );
    const escalated: Raw[] = await em.query(
      `SELECT DISTINCT ON (e.report_id) e.report_id, e.task_id, t.path, t.heading, u.name AS unit_name, e.level, e.colour, e.state, t.ordinal, t.path_key
         FROM escalations e JOIN tasks t ON t.id = e.task_id JOIN units u ON u.id = e.unit_id
        WHERE e.cycle_id = $1 ORDER BY e.report_id, e.level DESC, e.raised_at DESC`,
      [cycleId],
    );
    const targets: Raw[] = await em.query(
      `SELECT t.id AS task_id, t.path, t.heading, u.name AS unit_name, tg.ord, tg.target->>'text' AS text,
              (tg.target->>'value')::numeric AS planned, tg.target->>'unit' AS unit,
              (SELECT (v->>'value')::numeric FROM jsonb_array_elements(r.target_values) v
                WHERE CASE WHEN v ? 'index' THEN (v->>'index')::int = tg.ord - 1 ELSE v->>'target' = tg.target->>'text' END
                LIMIT 1) AS reported
         FROM status_reports r JOIN tasks t ON t.id = r.task_id JOIN units u ON u.id = r.unit_id
         CROSS JOIN LATERAL jsonb_array_elements(t.targets) WITH ORDINALITY AS tg(target, ord)
        WHERE r.cycle_id = $1 ORDER BY t.ordinal, t.path_key, u.name, tg.ord`,
      [cycleId],
    );
    // A task the office closed (销号) counts as done, however its report of this cycle stands.
    const closed: Raw[] = await em.query(
      `SELECT DISTINCT t.id, t.path, t.heading, t.completed_at, t.ordinal, t.path_key FROM status_reports r JOIN tasks t ON t.id = r.task_id
        WHERE r.cycle_id = $1 AND t.state = 'completed' ORDER BY t.ordinal, t.path_key`,
      [cycleId],
    );
    const unitRows = units.map((u) => ({
      unitId: u.id as string,
      unitName: u.name as string,
      reports: u.reports as number,
      onTime: u.on_time as number,
      late: u.late as number,
      missing: u.missing as number,
      accepted: u.accepted as number,
      onTimeRate: rate(u.on_time as number, u.reports as number),
    }));
    const sum = (k: 'reports' | 'onTime' | 'late' | 'missing' | 'accepted'): number => unitRows.reduce((a, u) => a + u[k], 0);
    const escalatedTasks = escalated
      .map((e) => ({
        reportId: e.report_id as string,
        taskId: e.task_id as string,
        taskLabel: (e.path as string[]).join(''),
        heading: e.heading as string,
        unitName: e.unit_name as string,
        level: e.level as number,
        colour: e.colour as string,
        state: e.state as string,
      }))
      .sort((a, b) => b.level - a.level || a.taskLabel.localeCompare(b.taskLabel));
    return {
      cycleId,
      documentId: c.document_id as string,
      documentTitle: (c.title as string | null) ?? null,
      period: c.period as string,
      dueAt: iso(c.due_at) as string,
      compiledAt: this.clock.now().toISOString(),
      totals: {
        reports: sum('reports'),
        accepted: sum('accepted'),
        onTime: sum('onTime'),
        late: sum('late'),
        missing: sum('missing'),
        escalatedToLeadingGroup: escalatedTasks.filter((e) => e.level === 3).length,
        onTimeRate: rate(sum('onTime'), sum('reports')),
        closed: closed.length,
      },
      closedTasks: closed.map((t) => ({
        taskId: t.id as string,
        taskLabel: (t.path as string[]).join(''),
        heading: t.heading as string,
        closedAt: iso(t.completed_at) as string,
      })),
      units: unitRows,
      lateTasks: late.map((r) => ({
        reportId: r.id as string,
        taskId: r.task_id as string,
        taskLabel: (r.path as string[]).join(''),
        heading: r.heading as string,
        unitName: r.unit_name as string,
        dueAt: iso(r.due_at) as string,
        firstSubmittedAt: iso(r.first_submitted_at),
        state: r.state as string,
      })),
      escalatedTasks,
      targets: targets.map((t) => {
        const planned = t.planned === null ? null : Number(t.planned);
        const reported = t.reported === null ? null : Number(t.reported);
        return {
          taskId: t.task_id as string,
          taskLabel: (t.path as string[]).join(''),
          heading: t.heading as string,
          unitName: t.unit_name as string,
          target: t.text as string,
          planned,
          unit: (t.unit as string | null) ?? null,
          reported,
          percent: planned && reported !== null ? (reported / planned) * 100 : null,
        };
      }),
    };
  }

  async get(cycleId: string, actor?: Actor): Promise<{ cycleId: string; compiledAt: Date; content: BulletinContent }> {
    await this.requireReader(cycleId, actor);
    const [row] = (await this.dataSource.query(
      `SELECT cycle_id, compiled_at, content FROM bulletins WHERE cycle_id = $1`,
      [cycleId],
    )) as { cycle_id: string; compiled_at: Date; content: BulletinContent }[];
    if (!row) throw new BulletinError('BULLETIN_NOT_FOUND', `Cycle ${cycleId} has no bulletin yet`);
    return { cycleId: row.cycle_id, compiledAt: row.compiled_at, content: row.content };
  }

  async markdown(cycleId: string, actor?: Actor): Promise<{ filename: string; body: string }> {
    const { content } = await this.get(cycleId, actor);
    return { filename: `bulletin-${content.period}-${cycleId.slice(0, 8)}.md`, body: renderBulletinMarkdown(content) };
  }

  async workbook(cycleId: string, actor?: Actor): Promise<{ filename: string; body: Buffer }> {
    const { content } = await this.get(cycleId, actor);
    return { filename: `bulletin-${content.period}-${cycleId.slice(0, 8)}.xlsx`, body: await renderBulletinWorkbook(content, this.clock.now()) };
  }
}
