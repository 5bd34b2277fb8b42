import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { citeClause, Clock, CLOCK, ClauseText, shanghaiDate, SupervisionRules } from '@tracker/domain';
import { DEADLINE_TEXT } from '@tracker/notify';
import { DataSource } from 'typeorm';
import { effectiveRules } from './report-row';

const P = { label: '\u0001L\u0001', heading: '\u0001H\u0001', deadline: '\u0001D\u0001' };

// One statement: find the rungs due (levels 1..3 by days past the deadline), insert the notices
// that are new (the dedup key holds exactly-once), their in-app deliveries, the escalations for
// levels 2 and 3, and stamp the tasks. `t.state = 'open'` stays a literal so the partial index
// ix_tasks_open_deadline is usable (NOTES §15).
const SWEEP_SQL = `
WITH due AS (
  SELECT t.id AS task_id, t.document_id, a.unit_id, a.id AS assignment_id, array_to_string(t.path, '') AS label,
         t.heading, to_char(t.deadline_on, 'YYYY-MM-DD') AS deadline, ($1::date - t.deadline_on) AS days_late
    FROM tasks t
    JOIN assignments a ON a.task_id = t.id AND a.role = 'lead' AND a.state IN ('pending', 'acknowledged')
   WHERE t.state = 'open' AND t.deadline_on IS NOT NULL AND t.deadline_on < $1::date
), rungs AS (
  SELECT due.*, r.level, r.colour, $3::jsonb -> due.document_id::text AS doc
    FROM due JOIN (VALUES (1, 'yellow', 'overdue'), (2, 'orange', 'supervision'), (3, 'red', 'leadingGroup')) AS r(level, colour, rule)
      ON due.days_late >= (($3::jsonb -> due.document_id::text ->> r.rule)::int)
), ins AS (
  INSERT INTO notices (dedup_key, kind, level, colour, task_id, unit_id, assignment_id, title, body, title_en, body_en, clause, created_at)
  SELECT 'deadline_overdue/' || task_id || '/' || unit_id || '/L' || level, 'deadline_overdue', level, colour, task_id, unit_id, assignment_id,
         replace(replace(replace($4::jsonb -> level::text ->> 'title', '${P.label}', label), '${P.heading}', heading), '${P.deadline}', deadline),
         replace(replace(replace(replace($4::jsonb -> level::text ->> 'body', '${P.label}', label), '${P.heading}', heading), '${P.deadline}', deadline), '\u0001C\u0001', doc ->> 'citeZh'),
         replace(replace(replace($4::jsonb -> level::text ->> 'titleEn', '${P.label}', label), '${P.heading}', heading), '${P.deadline}', deadline),
         replace(replace(replace(replace($4::jsonb -> level::text ->> 'bodyEn', '${P.label}', label), '${P.heading}', heading), '${P.deadline}', deadline), '\u0001C\u0001', doc ->> 'citeEn'),
         doc -> 'clause', $2
    FROM rungs
  ON CONFLICT (dedup_key) DO NOTHING
  RETURNING id, task_id, unit_id, level, colour, clause
), members AS (
  INSERT INTO notice_deliveries (notice_id, user_id, channel, created_at)
  SELECT ins.id, u.id, 'inapp', $2 FROM ins JOIN users u ON u.unit_id = ins.unit_id
   WHERE NOT u.is_disabled AND (ins.level = 1 OR u.is_unit_head)
  UNION ALL
  SELECT ins.id, u.id, 'inapp', $2 FROM ins JOIN users u ON ins.level >= 2 AND NOT u.is_disabled
     AND ('office' = ANY(u.roles) OR (ins.level = 3 AND 'leader' = ANY(u.roles)))
     AND u.unit_id IS DISTINCT FROM ins.unit_id
  ON CONFLICT DO NOTHING
), esc AS (
  INSERT INTO escalations (dedup_key, task_id, unit_id, notice_id, level, colour, clause, reason, raised_at)
  SELECT 'deadline/' || task_id || '/' || unit_id || '/L' || level, task_id, unit_id, id, level, colour, clause, 'task_deadline_passed', $2
    FROM ins WHERE level >= 2
  ON CONFLICT (dedup_key) DO NOTHING
), mark AS (
  UPDATE tasks SET deadline_overdue_at = $2 WHERE id IN (SELECT task_id FROM ins) AND deadline_overdue_at IS NULL
)
SELECT count(*)::int AS notices, count(*) FILTER (WHERE level >= 2)::int AS escalations FROM ins`;

/** The daily sweep of tasks past their own final deadline (到2019年), as set-based SQL. */
@Injectable()
export class DeadlineSweepService {
  private readonly logger = new Logger(DeadlineSweepService.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async sweep(): Promise<{ notices: number; escalations: number }> {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const docs: { id: string; title: string | null; profile: Partial<SupervisionRules> | null; clauses: ClauseText[] }[] =
      await this.dataSource.query(
        `SELECT d.id, d.title, d.supervision_profile AS profile, d.supervision_clauses AS clauses FROM policy_documents d
          WHERE d.archived_at IS NULL AND EXISTS (SELECT 1 FROM tasks t WHERE t.document_id = d.id AND t.state = 'open' AND t.deadline_on IS NOT NULL AND t.deadline_on < $1::date)`,
        [today],
      );
    if (docs.length === 0) return { notices: 0, escalations: 0 };
    const perDoc: Record<string, unknown> = {};
    for (const d of docs) {
      const rules = effectiveRules(d.profile, d.clauses);
      const clause = citeClause(d.title, d.clauses, 'supervision');
      const sample = DEADLINE_TEXT(1, { documentTitle: d.title, taskLabel: '', taskHeading: '', deadlineOn: '' }, clause);
      perDoc[d.id] = {
        overdue: rules.overdueDaysAfter,
        supervision: rules.supervisionDaysAfter,
        leadingGroup: rules.leadingGroupDaysAfter,
        clause,
        citeZh: sample.body.slice(sample.body.indexOf('依据')),
        citeEn: sample.bodyEn.slice(sample.bodyEn.indexOf('Authority')),
      };
    }
    const patterns: Record<string, unknown> = {};
    for (const level of [1, 2, 3] as const) {
      const t = DEADLINE_TEXT(level, { documentTitle: null, taskLabel: P.label, taskHeading: P.heading, deadlineOn: P.deadline }, null);
      patterns[level] = {
        title: t.title,
        titleEn: t.titleEn,
        body: t.body.slice(0, t.body.indexOf('依据')) + '\u0001C\u0001',
        bodyEn: t.bodyEn.slice(0, t.bodyEn.indexOf('Authority')) + '\u0001C\u0001',
      };
    }
    const [result] = (await this.dataSource.query(SWEEP_SQL, [today, now, JSON.stringify(perDoc), JSON.stringify(patterns)])) as {
      notices: number;
      escalations: number;
    }[];
    if (result.notices) this.logger.log({ ...result, today }, 'deadline sweep raised notices');
    return result;
  }
}
