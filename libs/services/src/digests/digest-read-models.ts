import { addDays, escalationLevelName, pageLinks, periodLabelEn, periodLabelZh, shanghaiDate } from '@tracker/domain';
import { CycleProgress, DeferredNotice, DigestItem } from '@tracker/notify';
import { EntityManager } from 'typeorm';
import { UNIT_CHAIN_SQL } from '../access/access.service';

// The reads behind each digest section; each returns ready-to-compose items.

export interface DigestWindow {
  from: Date;
  to: Date;
  today: string;
  publicUrl: string;
}

interface ItemRow {
  task_id: string;
  path: string[];
  heading: string;
  unit_name: string | null;
  at: Date | string;
  doc_title: string | null;
  /** What the extra note is: a report's period, a task's deadline, an escalation's level. */
  note_kind: 'period' | 'deadline' | 'level' | null;
  note: string | number | null;
}

function noteOf(r: ItemRow): DigestItem['note'] {
  if (r.note_kind === 'period' && r.note) return { zh: `${periodLabelZh(String(r.note))}进展报告`, en: `report for ${periodLabelEn(String(r.note))}` };
  if (r.note_kind === 'deadline') return { zh: '完成时限', en: 'task deadline' };
  if (r.note_kind === 'level' && r.note !== null) {
    const name = escalationLevelName(Number(r.note));
    return { zh: name.zh, en: name.en };
  }
  return null;
}

const toItems = (rows: ItemRow[], w: DigestWindow): DigestItem[] =>
  rows.map((r) => ({
    documentTitle: r.doc_title,
    taskLabel: r.path.join(''),
    heading: r.heading,
    unitName: r.unit_name,
    on: typeof r.at === 'string' ? r.at : shanghaiDate(r.at),
    url: pageLinks(w.publicUrl).task(r.task_id),
    note: noteOf(r),
  }));

// The task's document title, for items of several documents in one digest.
const DOC_TITLE = `(SELECT d.title FROM policy_documents d WHERE d.id = t.document_id) AS doc_title`;

// A report due at 2020-10-11 00:00 (+08) is due "by 10 October": show the last day, not the instant.
const DUE_DAY = `to_char((r.due_at - interval '1 millisecond') AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`;

/** Reports and task deadlines of the unit (and its former names) due within 14 days, and those overdue. */
export async function agencyDeadlines(em: EntityManager, unitId: string, w: DigestWindow): Promise<{ dueSoon: DigestItem[]; overdue: DigestItem[] }> {
  const horizon = new Date(w.to.getTime() + 14 * 86_400_000);
  const reports: (ItemRow & { overdue: boolean })[] = await em.query(
    `WITH chain AS (${UNIT_CHAIN_SQL})
     SELECT t.id AS task_id, t.path, t.heading, NULL AS unit_name, ${DUE_DAY} AS at, ${DOC_TITLE}, 'period' AS note_kind, c.period AS note, r.due_at <= $2 AS overdue
       FROM status_reports r JOIN reporting_cycles c ON c.id = r.cycle_id JOIN tasks t ON t.id = r.task_id
      WHERE r.unit_id IN (SELECT id FROM chain) AND c.state = 'open' AND t.state = 'open'
        AND r.state IN ('pending', 'draft', 'returned') AND r.due_at <= $3
      ORDER BY r.due_at, t.path`,
    [unitId, w.to, horizon],
  );
  const deadlines: (ItemRow & { overdue: boolean })[] = await em.query(
    `WITH chain AS (${UNIT_CHAIN_SQL})
     SELECT DISTINCT t.id AS task_id, t.path, t.heading, NULL AS unit_name, to_char(t.deadline_on, 'YYYY-MM-DD') AS at,
            ${DOC_TITLE}, 'deadline' AS note_kind, NULL AS note, t.deadline_on < $2::date AS overdue
       FROM tasks t JOIN assignments a ON a.task_id = t.id
      WHERE a.unit_id IN (SELECT id FROM chain) AND a.role = 'lead' AND a.state IN ('pending', 'acknowledged')
        AND t.state = 'open' AND t.deadline_on IS NOT NULL AND t.deadline_on <= $3::date
        -- An archived plan tells nobody anything.
        AND NOT EXISTS (SELECT 1 FROM policy_documents pd WHERE pd.id = t.document_id AND pd.archived_at IS NOT NULL)
      ORDER BY at, t.path`,
    [unitId, w.today, addDays(w.today, 14)],
  );
  const all = [...reports, ...deadlines];
  return { dueSoon: toItems(all.filter((r) => !r.overdue), w), overdue: toItems(all.filter((r) => r.overdue), w) };
}

export async function awaitingAck(em: EntityManager, unitId: string, w: DigestWindow): Promise<DigestItem[]> {
  const rows: ItemRow[] = await em.query(
    `WITH chain AS (${UNIT_CHAIN_SQL})
     SELECT t.id AS task_id, t.path, t.heading, NULL AS unit_name, a.created_at AS at, ${DOC_TITLE}, NULL AS note_kind, NULL AS note
       FROM assignments a JOIN tasks t ON t.id = a.task_id
      WHERE a.unit_id IN (SELECT id FROM chain) AND a.role = 'support' AND a.state = 'pending' AND t.state = 'open'
        AND NOT a.is_preexisting AND NOT EXISTS (SELECT 1 FROM policy_documents pd WHERE pd.id = t.document_id AND pd.archived_at IS NOT NULL)
      ORDER BY a.created_at, t.path`,
    [unitId],
  );
  return toItems(rows, w);
}

export async function returnedReports(em: EntityManager, unitId: string, w: DigestWindow): Promise<DigestItem[]> {
  const rows: ItemRow[] = await em.query(
    `WITH chain AS (${UNIT_CHAIN_SQL})
     SELECT t.id AS task_id, t.path, t.heading, NULL AS unit_name, coalesce(r.reviewed_at, r.updated_at) AS at, ${DOC_TITLE}, 'period' AS note_kind, c.period AS note
       FROM status_reports r JOIN reporting_cycles c ON c.id = r.cycle_id JOIN tasks t ON t.id = r.task_id
      WHERE r.unit_id IN (SELECT id FROM chain) AND r.state = 'returned' AND c.state = 'open'
      ORDER BY at, t.path`,
    [unitId],
  );
  return toItems(rows, w);
}


/** Escalations raised in the window; `minLevel` 3 gives what was raised to the leaders. */
export async function escalationsRaised(em: EntityManager, w: DigestWindow, minLevel: number): Promise<DigestItem[]> {
  const rows: ItemRow[] = await em.query(
    `SELECT t.id AS task_id, t.path, t.heading, u.name AS unit_name, e.raised_at AS at, ${DOC_TITLE}, 'level' AS note_kind, e.level AS note
       FROM escalations e JOIN tasks t ON t.id = e.task_id JOIN units u ON u.id = e.unit_id
      WHERE e.raised_at > $1 AND e.raised_at <= $2 AND e.level >= $3
      ORDER BY e.level DESC, e.raised_at, t.path`,
    [w.from, w.to, minLevel],
  );
  return toItems(rows, w);
}

export async function cycleProgress(em: EntityManager): Promise<CycleProgress[]> {
  const rows: { title: string | null; period: string; due_on: string; reports: number; submitted: number; accepted: number }[] = await em.query(
    `SELECT d.title, c.period, to_char((c.due_at - interval '1 millisecond') AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS due_on,
            count(r.id)::int AS reports,
            count(r.id) FILTER (WHERE r.state IN ('submitted', 'accepted'))::int AS submitted,
            count(r.id) FILTER (WHERE r.state = 'accepted')::int AS accepted
       FROM reporting_cycles c JOIN policy_documents d ON d.id = c.document_id
       LEFT JOIN status_reports r ON r.cycle_id = c.id
      WHERE c.state = 'open'
      GROUP BY c.id, d.title, c.period, c.due_at ORDER BY c.due_at, d.title`,
  );
  return rows.map((r) => ({ documentTitle: r.title, period: r.period, dueOn: r.due_on, reports: r.reports, submitted: r.submitted, accepted: r.accepted }));
}

/** The user's in-app notices of the window whose kind they chose to get in this digest. */
export async function deferredNotices(em: EntityManager, userId: string, cadence: string, w: DigestWindow): Promise<DeferredNotice[]> {
  const rows: { title: string; title_en: string | null; created_at: Date; task_id: string | null }[] = await em.query(
    `SELECT n.title, n.title_en, n.created_at, n.task_id
       FROM notice_deliveries d JOIN notices n ON n.id = d.notice_id JOIN users u ON u.id = d.user_id
      WHERE d.user_id = $1 AND d.channel = 'inapp' AND n.created_at > $2 AND n.created_at <= $3
        AND u.notice_preferences ->> n.kind = $4
        AND n.kind NOT IN ('supervision', 'leading_group') AND n.level < 2
      ORDER BY n.created_at, n.id`,
    [userId, w.from, w.to, cadence],
  );
  return rows.map((r) => ({
    title: r.title,
    titleEn: r.title_en,
    on: shanghaiDate(r.created_at),
    url: r.task_id ? pageLinks(w.publicUrl).task(r.task_id) : pageLinks(w.publicUrl).inbox(),
  }));
}
