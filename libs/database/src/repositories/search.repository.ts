import { EntityManager } from 'typeorm';
import { HELD_ASSIGNMENT_STATES as HELD, SqlParams as Params } from './sql';

/** What may be searched: every task (office, leaders) or those of some units (an agency member). */
export interface SearchScope {
  all: boolean;
  unitIds: string[];
}

export interface SearchFilter {
  terms: string[];
  documentId?: string;
  unitId?: string;
  taskState?: string;
  period?: string;
  limit: number;
}

export interface TaskHitRow {
  id: string;
  document_id: string;
  document_title: string | null;
  path: string[];
  heading: string;
  body: string;
  state: string;
}

export interface ReportHitRow {
  id: string;
  task_id: string;
  path: string[];
  heading: string;
  document_title: string | null;
  period: string;
  unit_name: string;
  state: string;
  text: string;
}

export interface DocumentHitRow {
  id: string;
  title: string | null;
  doc_number: string | null;
  issuer: string | null;
  excerpt_source: string;
}

/** `%term%` for ILIKE, with the pattern characters of the term itself escaped. */
const contains = (term: string): string => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Full-text search over tasks, reports and documents by substring (ILIKE), which suits Chinese
 * without a word segmenter; the pg_trgm GIN indexes (migration SearchIndexes) serve patterns of
 * three characters or more and the ranking by similarity. Every term must occur.
 */
export class SearchRepository {
  constructor(private readonly em: EntityManager) {}

  async tasks(scope: SearchScope, f: SearchFilter): Promise<TaskHitRow[]> {
    const p = new Params();
    const doc = `(t.heading || ' ' || t.body)`;
    const where = ['t.is_task', ...f.terms.map((term) => `${doc} ILIKE ${p.add(contains(term))}`)];
    if (f.documentId) where.push(`t.document_id = ${p.add(f.documentId)}::uuid`);
    if (f.taskState) where.push(`t.state = ${p.add(f.taskState)}`);
    if (f.unitId)
      where.push(
        `EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = t.id AND a.unit_id = ${p.add(f.unitId)}::uuid AND a.state IN ${HELD})`,
      );
    if (!scope.all)
      where.push(
        `EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = t.id AND a.unit_id = ANY(${p.add(scope.unitIds)}::uuid[]) AND a.state IN ${HELD})`,
      );
    return this.em.query(
      `SELECT t.id, t.document_id, d.title AS document_title, t.path, t.heading, t.body, t.state
         FROM tasks t JOIN policy_documents d ON d.id = t.document_id
        WHERE ${where.join(' AND ')}
        ORDER BY similarity(${doc}, ${p.add(f.terms.join(' '))}) DESC, d.issued_on NULLS LAST, t.ordinal
        LIMIT ${p.add(f.limit)}`,
      p.values,
    );
  }

  async reports(scope: SearchScope, f: SearchFilter): Promise<ReportHitRow[]> {
    const p = new Params();
    const text = `(coalesce(r.narrative, '') || ' ' || coalesce(r.problems, '') || ' ' || coalesce(r.next_steps, ''))`;
    const where = f.terms.map((term) => `${text} ILIKE ${p.add(contains(term))}`);
    if (f.documentId) where.push(`t.document_id = ${p.add(f.documentId)}::uuid`);
    if (f.taskState) where.push(`t.state = ${p.add(f.taskState)}`);
    if (f.period) where.push(`c.period = ${p.add(f.period)}`);
    if (f.unitId) where.push(`r.unit_id = ${p.add(f.unitId)}::uuid`);
    // A unit reads its own reports and the lead's report on a task it supports.
    if (!scope.all)
      where.push(
        `EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = r.task_id AND a.unit_id = ANY(${p.add(scope.unitIds)}::uuid[]) AND a.state IN ('pending', 'acknowledged') AND (a.role = 'support' OR a.unit_id = r.unit_id))`,
      );
    return this.em.query(
      `SELECT r.id, r.task_id, t.path, t.heading, d.title AS document_title, c.period, un.name AS unit_name, r.state, ${text} AS text
         FROM status_reports r JOIN tasks t ON t.id = r.task_id JOIN policy_documents d ON d.id = t.document_id
         JOIN reporting_cycles c ON c.id = r.cycle_id JOIN units un ON un.id = r.unit_id
        WHERE ${where.join(' AND ')}
        ORDER BY c.opens_at DESC, t.ordinal, un.name
        LIMIT ${p.add(f.limit)}`,
      p.values,
    );
  }

  /** Documents are public policy texts: any signed-in reader may find them. */
  async documents(f: SearchFilter): Promise<DocumentHitRow[]> {
    const p = new Params();
    const where = f.terms.map(
      (term) =>
        `(coalesce(d.title, '') || ' ' || coalesce(d.doc_number, '') || ' ' || d.source_text) ILIKE ${p.add(contains(term))}`,
    );
    if (f.documentId) where.push(`d.id = ${p.add(f.documentId)}::uuid`);
    const first = p.add(f.terms[0]);
    return this.em.query(
      `SELECT d.id, d.title, d.doc_number, d.issuer,
              substring(d.source_text FROM greatest(1, strpos(d.source_text, ${first}) - 40) FOR 120) AS excerpt_source
         FROM policy_documents d
        WHERE ${where.join(' AND ')}
        ORDER BY d.issued_on DESC NULLS LAST, d.imported_at DESC
        LIMIT ${p.add(f.limit)}`,
      p.values,
    );
  }
}
