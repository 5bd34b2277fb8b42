import { EntityManager } from 'typeorm';
import { returnedRows } from './returned-rows';

/** The facts of a document an office may correct after import, by field name → column. */
const FACT_COLUMNS = {
  title: 'title',
  docNumber: 'doc_number',
  issuer: 'issuer',
  issuedOn: 'issued_on',
} as const;

export type DocumentFactKey = keyof typeof FACT_COLUMNS;
export const DOCUMENT_FACT_KEYS = Object.keys(FACT_COLUMNS) as DocumentFactKey[];

/** A document's facts as stored (issuedOn as YYYY-MM-DD). */
export type DocumentFactsRow = Record<DocumentFactKey, string | null>;

export interface DocumentSummaryRow {
  id: string;
  title: string | null;
  issuer: string | null;
  docNumber: string | null;
  /** YYYY-MM-DD */
  issuedOn: string | null;
  sourceFile: string | null;
  tasks: number;
  importedAt: Date;
}

/** Policy documents: the import's serialisation, the list, and the facts the office corrects. */
export class DocumentsRepository {
  constructor(private readonly em: EntityManager) {}

  /** Serialises imports of the same text for the rest of the transaction: the second waits, then finds the first. */
  async lockContentHash(contentHash: string): Promise<void> {
    await this.em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [contentHash]);
  }

  async exists(id: string): Promise<boolean> {
    const rows: unknown[] = await this.em.query(`SELECT 1 FROM policy_documents WHERE id = $1`, [
      id,
    ]);
    return rows.length > 0;
  }

  /** How many of the document's items are tasks. */
  async countTasks(documentId: string): Promise<number> {
    const [{ tasks }]: { tasks: number }[] = await this.em.query(
      `SELECT count(*)::int AS tasks FROM tasks WHERE document_id = $1 AND is_task`,
      [documentId],
    );
    return tasks;
  }

  /**
   * Every document with its task count, by issue date (undated last), then import time; with
   * `heldBy`, only the documents in which one of those units holds an assignment.
   */
  list(heldBy?: string[]): Promise<DocumentSummaryRow[]> {
    return this.em.query(
      `SELECT d.id, d.title, d.issuer, d.doc_number AS "docNumber", to_char(d.issued_on, 'YYYY-MM-DD') AS "issuedOn",
              d.source_file AS "sourceFile", d.imported_at AS "importedAt",
              (SELECT count(*)::int FROM tasks t WHERE t.document_id = d.id AND t.is_task) AS tasks
         FROM policy_documents d
        WHERE $1::uuid[] IS NULL
           OR EXISTS (SELECT 1 FROM tasks t JOIN assignments a ON a.task_id = t.id
                       WHERE t.document_id = d.id AND a.unit_id = ANY($1::uuid[]))
        ORDER BY d.issued_on NULLS LAST, d.imported_at`,
      [heldBy ?? null],
    );
  }

  /** The document's facts, its row locked for the correction; null when there is no such document. */
  async lockFacts(id: string): Promise<DocumentFactsRow | null> {
    const [row]: DocumentFactsRow[] = await this.em.query(
      `SELECT title, doc_number AS "docNumber", issuer, to_char(issued_on, 'YYYY-MM-DD') AS "issuedOn"
         FROM policy_documents WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row ?? null;
  }

  /** Sets the given facts (null clears one); the keys not given are kept. */
  async updateFacts(id: string, facts: Partial<DocumentFactsRow>): Promise<void> {
    const keys = DOCUMENT_FACT_KEYS.filter((k) => facts[k] !== undefined);
    if (keys.length === 0) return;
    await this.em.query(
      `UPDATE policy_documents SET ${keys.map((k, i) => `${FACT_COLUMNS[k]} = $${i + 2}`).join(', ')} WHERE id = $1`,
      [id, ...keys.map((k) => facts[k])],
    );
  }

  /** Sets the fact only where it is empty; whether it was set. */
  async fillFact(id: string, key: DocumentFactKey, value: string): Promise<boolean> {
    const column = FACT_COLUMNS[key];
    const rows = returnedRows(
      await this.em.query(
        `UPDATE policy_documents SET ${column} = $2 WHERE id = $1 AND ${column} IS NULL RETURNING id`,
        [id, value],
      ),
    );
    return rows.length > 0;
  }
}
