import type { ClauseText, SupervisionRules } from '@tracker/domain';
import { EntityManager } from 'typeorm';
import type { SupervisionSource } from './cycles.repository';
import { reachedLeadingGroupSql, rungNoticeKeySql } from './escalation-key';
import { reportOwedSql } from './sql';

/** A report whose ladder is still to run: not accepted, not yet raised to the leading group. */
export interface ChasedReport {
  id: string;
  ladderEpoch: number;
  dueAt: Date;
}

/** A report to chase with what its first wake-up depends on: its state and the rungs already raised for its due time. */
export interface FannedReport extends ChasedReport {
  state: string;
  /** The ladder rungs (of those asked about) whose notice exists for the report's current epoch. */
  raised: string[];
}

export interface PendingAck {
  id: string;
  createdAt: Date;
  profile: Partial<SupervisionRules> | null;
  clauses: ClauseText[];
}

/** A supporting assignment with what its acknowledgement ladder needs. */
export interface AckRow {
  id: string;
  unitId: string;
  role: string;
  state: string;
  createdAt: Date;
  isPreexisting: boolean;
  taskId: string;
  taskPath: string[];
  taskHeading: string;
  taskState: string;
  documentId: string;
  documentTitle: string | null;
  archivedAt: Date | null;
  profile: Partial<SupervisionRules> | null;
  clauses: ClauseText[];
  unitName: string;
  /** The task's lead units (any state). */
  leadUnitIds: string[];
}

export interface UnrequestedAck {
  id: string;
  taskId: string;
  taskPath: string[];
  taskHeading: string;
}

/** What the supervision ladder reads: reports to chase and supporting assignments to acknowledge. */
export class LadderRepository {
  constructor(private readonly em: EntityManager) {}

  async supervisionOfCycle(cycleId: string): Promise<SupervisionSource | null> {
    const [row]: SupervisionSource[] = await this.em.query(
      `SELECT d.supervision_profile AS profile, coalesce(d.supervision_clauses, '[]') AS clauses
         FROM reporting_cycles c JOIN policy_documents d ON d.id = c.document_id WHERE c.id = $1`,
      [cycleId],
    );
    return row ?? null;
  }

  /**
   * The cycle's reports still owed rungs, by id after `after` (keyset pages of `limit`).
   * `openTasksOnly`: leave out reports of tasks that have been closed.
   */
  reportsToChase(
    cycleId: string,
    after: string,
    limit: number,
    openTasksOnly = false,
  ): Promise<ChasedReport[]> {
    return this.em.query(
      `SELECT r.id, r.ladder_epoch AS "ladderEpoch", r.due_at AS "dueAt" FROM status_reports r JOIN tasks t ON t.id = r.task_id
        WHERE r.cycle_id = $1 AND r.id > $2 AND r.state <> 'accepted' AND ($4::boolean IS FALSE OR t.state = 'open')
          AND NOT ${reachedLeadingGroupSql('r')} AND ${reportOwedSql('r')}
        ORDER BY r.id LIMIT $3`,
      [cycleId, after, limit, openTasksOnly],
    );
  }

  /**
   * `reportsToChase` for a cycle's fan-out: with each report's state and which of `rungs` it has
   * already been told for its current due time (one unique-key probe per rung and report).
   */
  reportsToFanOut(
    cycleId: string,
    after: string,
    limit: number,
    rungs: readonly string[],
  ): Promise<FannedReport[]> {
    return this.em.query(
      `SELECT r.id, r.ladder_epoch AS "ladderEpoch", r.due_at AS "dueAt", r.state,
              ARRAY(SELECT k.rung FROM unnest($4::text[]) AS k(rung)
                     WHERE EXISTS (SELECT 1 FROM notices n WHERE n.dedup_key = ${rungNoticeKeySql('k.rung')})) AS raised
         FROM status_reports r
        WHERE r.cycle_id = $1 AND r.id > $2 AND r.state <> 'accepted' AND NOT ${reachedLeadingGroupSql('r')}
          AND ${reportOwedSql('r')}
        ORDER BY r.id LIMIT $3`,
      [cycleId, after, limit, rungs],
    );
  }

  /** The distinct due times of the cycle's reports still to chase (usually one: the cycle's). */
  async dueTimesToChase(cycleId: string): Promise<Date[]> {
    const rows: { dueAt: Date }[] = await this.em.query(
      `SELECT DISTINCT r.due_at AS "dueAt" FROM status_reports r
        WHERE r.cycle_id = $1 AND r.state <> 'accepted' AND NOT ${reachedLeadingGroupSql('r')}
          AND ${reportOwedSql('r')}`,
      [cycleId],
    );
    return rows.map((r) => r.dueAt);
  }

  /**
   * Pending supporting assignments whose acknowledgement ladder has not run out, in keyset pages:
   * `limit` assignments are scanned by id first (the page's own index walk), then joined and
   * filtered, so a page costs the same on a database of 100,000 tasks as on one of 100 (joining
   * first let the planner join every pending assignment, then sort, for each page). `last` is
   * the last id scanned, null when the scan has reached the end.
   */
  async pendingAcks(
    after: string,
    limit: number,
    documentId?: string,
  ): Promise<{ rows: PendingAck[]; last: string | null }> {
    const rows: (PendingAck & { owed: boolean; last: string; scanned: number })[] =
      await this.em.query(
        `WITH page AS (
           SELECT a.id, a.created_at, a.task_id FROM assignments a
            WHERE a.state = 'pending' AND a.role = 'support' AND NOT a.is_preexisting AND a.id > $1
              AND ($2::uuid IS NULL OR a.task_id IN (SELECT id FROM tasks WHERE document_id = $2::uuid))
            ORDER BY a.id LIMIT $3)
         SELECT p.id, p.created_at AS "createdAt", d.supervision_profile AS profile,
                coalesce(d.supervision_clauses, '[]') AS clauses,
                (t.state = 'open' AND d.archived_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM notices n WHERE n.dedup_key = 'ack_overdue/' || p.id)) AS owed,
                (SELECT id FROM page ORDER BY id DESC LIMIT 1) AS last, (SELECT count(*)::int FROM page) AS scanned
           FROM page p JOIN tasks t ON t.id = p.task_id JOIN policy_documents d ON d.id = t.document_id
          ORDER BY p.id`,
        [after, documentId ?? null, limit],
      );
    const scanned = rows[0]?.scanned ?? 0;
    return {
      rows: rows
        .filter((r) => r.owed)
        .map((r) => ({ id: r.id, createdAt: r.createdAt, profile: r.profile, clauses: r.clauses })),
      last: scanned < limit ? null : (rows[0]?.last ?? null),
    };
  }

  /** Open cycles without a bulletin: the ones whose jobs must exist. */
  async cyclesInProgress(): Promise<string[]> {
    const rows: { id: string }[] = await this.em.query(
      `SELECT c.id FROM reporting_cycles c
        WHERE c.state = 'open' AND NOT EXISTS (SELECT 1 FROM bulletins b WHERE b.cycle_id = c.id)`,
    );
    return rows.map((r) => r.id);
  }

  /** Loads and locks an assignment for its acknowledgement step. */
  async lockAck(assignmentId: string): Promise<AckRow | null> {
    const [row]: AckRow[] = await this.em.query(
      `SELECT a.id, a.unit_id AS "unitId", a.role, a.state, a.created_at AS "createdAt", a.is_preexisting AS "isPreexisting",
              a.task_id AS "taskId", t.path AS "taskPath", t.heading AS "taskHeading", t.state AS "taskState",
              d.id AS "documentId", d.title AS "documentTitle", d.archived_at AS "archivedAt",
              d.supervision_profile AS profile, coalesce(d.supervision_clauses, '[]') AS clauses, u.name AS "unitName",
              coalesce((SELECT array_agg(l.unit_id) FROM assignments l WHERE l.task_id = a.task_id AND l.role = 'lead'), '{}') AS "leadUnitIds"
         FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN policy_documents d ON d.id = t.document_id
         JOIN units u ON u.id = a.unit_id
        WHERE a.id = $1 FOR UPDATE OF a`,
      [assignmentId],
    );
    return row ?? null;
  }

  /** Serialises the acknowledgement jobs of one unit. */
  async lockUnit(unitId: string): Promise<void> {
    await this.em.query(`SELECT id FROM units WHERE id = $1 FOR UPDATE`, [unitId]);
  }

  async noticeExists(dedupKey: string): Promise<boolean> {
    const rows: unknown[] = await this.em.query(`SELECT 1 FROM notices WHERE dedup_key = $1`, [
      dedupKey,
    ]);
    return rows.length > 0;
  }

  /** The unit's pending supporting assignments on the document's open tasks that have had no request yet. */
  unrequestedAcks(unitId: string, documentId: string): Promise<UnrequestedAck[]> {
    return this.em.query(
      `SELECT a.id, a.task_id AS "taskId", t.path AS "taskPath", t.heading AS "taskHeading" FROM assignments a JOIN tasks t ON t.id = a.task_id
        WHERE a.unit_id = $1 AND t.document_id = $2 AND a.role = 'support' AND a.state = 'pending' AND NOT a.is_preexisting
          AND t.state = 'open' AND NOT EXISTS (SELECT 1 FROM notices n WHERE n.dedup_key = 'ack_request/' || a.id)
        ORDER BY t.ordinal, t.path_key`,
      [unitId, documentId],
    );
  }
}
