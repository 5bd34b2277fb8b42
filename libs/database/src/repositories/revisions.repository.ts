import type { TaskTarget } from '../entities/task.entity';
import { EntityManager } from 'typeorm';
import { HELD_ASSIGNMENT_STATES } from './sql';

/** A task of an imported document as a revised text is compared against it. */
export interface RevisableTaskRow {
  id: string;
  pathKey: string;
  path: string[];
  state: string;
  heading: string;
  body: string;
  deadlineText: string | null;
  deadlineOn: string | null;
  targets: TaskTarget[];
  leadUnits: { id: string; name: string }[];
  supportUnits: { id: string; name: string }[];
}

const UNITS_OF = (role: 'lead' | 'support'): string =>
  `coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY a.ordinal, u.id)
               FROM assignments a JOIN units u ON u.id = a.unit_id
              WHERE a.task_id = t.id AND a.role = '${role}' AND a.state IN ${HELD_ASSIGNMENT_STATES}), '[]')`;

/** Re-importing a revised text of a document already in the tracker (same number, title, issuer). */
export class RevisionsRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * The document a revised text belongs to: the same document number and issuer, or (without a
   * number) the same title and issuer. Decided by the document's facts, never by the text's hash.
   */
  async findByIdentity(facts: {
    docNumber: string | null;
    title: string | null;
    issuer: string | null;
  }): Promise<{ id: string; title: string | null; contentHash: string } | null> {
    if (!facts.docNumber && !facts.title) return null;
    const [row]: { id: string; title: string | null; contentHash: string }[] = await this.em.query(
      `SELECT id, title, content_hash AS "contentHash" FROM policy_documents
        WHERE archived_at IS NULL AND issuer IS NOT DISTINCT FROM $3
          AND CASE WHEN $1::text IS NOT NULL THEN doc_number = $1 ELSE doc_number IS NULL AND title = $2 END
        ORDER BY imported_at LIMIT 1`,
      [facts.docNumber, facts.title, facts.issuer],
    );
    return row ?? null;
  }

  /** The document's numbered items (tasks and headings), by path, with their held units. */
  tasks(documentId: string): Promise<(RevisableTaskRow & { isTask: boolean })[]> {
    return this.em.query(
      `SELECT t.id, t.path_key AS "pathKey", t.path, t.state, t.is_task AS "isTask", t.heading, t.body,
              t.deadline_text AS "deadlineText", to_char(t.deadline_on, 'YYYY-MM-DD') AS "deadlineOn", t.targets,
              ${UNITS_OF('lead')} AS "leadUnits", ${UNITS_OF('support')} AS "supportUnits"
         FROM tasks t WHERE t.document_id = $1 ORDER BY t.ordinal`,
      [documentId],
    );
  }

  async maxOrdinal(documentId: string): Promise<number> {
    const [{ n }]: { n: number }[] = await this.em.query(
      `SELECT coalesce(max(ordinal), -1)::int AS n FROM tasks WHERE document_id = $1`,
      [documentId],
    );
    return n;
  }

  /** The revised text becomes the document's text: importing it again is then recognised. */
  async replaceSource(
    documentId: string,
    src: { sourceText: string; contentHash: string; sourceFile: string },
  ): Promise<void> {
    await this.em.query(
      `UPDATE policy_documents SET source_text = $2, content_hash = $3, source_file = $4 WHERE id = $1`,
      [documentId, src.sourceText, src.contentHash, src.sourceFile],
    );
  }

  /** A task the revised text no longer has: cancelled, its units' parts released. */
  async cancelTask(taskId: string): Promise<void> {
    await this.em.query(`UPDATE tasks SET state = 'cancelled' WHERE id = $1 AND state = 'open'`, [
      taskId,
    ]);
    await this.em.query(
      `UPDATE assignments SET state = 'reassigned' WHERE task_id = $1 AND state IN ('pending', 'acknowledged', 'declined')`,
      [taskId],
    );
  }
}
