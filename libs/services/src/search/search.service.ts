import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SearchRepository } from '@tracker/database';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Actor } from '../access/actor';
import { taskNumber } from '../tasks/task-read-models';

export interface SearchQuery {
  q: string;
  documentId?: string;
  unitId?: string;
  status?: string;
  period?: string;
  limit?: number;
}

export interface SearchResults {
  terms: string[];
  tasks: {
    id: string;
    documentId: string;
    documentTitle: string | null;
    number: string;
    heading: string;
    state: string;
    excerpt: string;
  }[];
  reports: {
    id: string;
    taskId: string;
    documentTitle: string | null;
    number: string;
    heading: string;
    period: string;
    unitName: string;
    state: string;
    excerpt: string;
  }[];
  documents: {
    id: string;
    title: string | null;
    docNumber: string | null;
    issuer: string | null;
    excerpt: string;
  }[];
}

/** The words of a query: split on spaces (full-width too), at most five, each at most 50 characters. */
export function searchTerms(q: string): string[] {
  return [
    ...new Set(
      q
        .split(/[\s\u3000]+/)
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ]
    .slice(0, 5)
    .map((t) => t.slice(0, 50));
}

/** A short stretch of `text` around the first term, so the reader sees why it matched. */
export function excerptOf(text: string, terms: string[], width = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const at =
    terms
      .map((t) => flat.indexOf(t))
      .filter((i) => i >= 0)
      .sort((a, b) => a - b)[0] ?? 0;
  const start = Math.max(0, at - Math.floor(width / 3));
  const piece = flat.slice(start, start + width);
  return `${start > 0 ? '…' : ''}${piece}${start + width < flat.length ? '…' : ''}`;
}

/** Search of tasks, reports and documents, within what the actor may read. */
@Injectable()
export class SearchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  async search(actor: Actor, query: SearchQuery): Promise<SearchResults> {
    const terms = searchTerms(query.q);
    const empty: SearchResults = { terms, tasks: [], reports: [], documents: [] };
    if (terms.length === 0) return empty;
    const em = this.dataSource.manager;
    const s = await this.access.scope(em, actor);
    const scope = s.all ? { all: true, unitIds: [] } : { all: false, unitIds: s.unitIds };
    const repo = new SearchRepository(em);
    const filter = {
      terms,
      documentId: query.documentId,
      unitId: query.unitId,
      taskState: query.status,
      period: query.period,
      limit: query.limit ?? 20,
    };
    const [tasks, reports, documents] = await Promise.all([
      repo.tasks(scope, filter),
      repo.reports(scope, filter),
      query.unitId || query.status || query.period ? Promise.resolve([]) : repo.documents(filter),
    ]);
    return {
      terms,
      tasks: tasks.map((t) => ({
        id: t.id,
        documentId: t.document_id,
        documentTitle: t.document_title,
        number: taskNumber(t.path),
        heading: t.heading,
        state: t.state,
        excerpt: excerptOf(`${t.heading} ${t.body}`, terms),
      })),
      reports: reports.map((r) => ({
        id: r.id,
        taskId: r.task_id,
        documentTitle: r.document_title,
        number: taskNumber(r.path),
        heading: r.heading,
        period: r.period,
        unitName: r.unit_name,
        state: r.state,
        excerpt: excerptOf(r.text, terms),
      })),
      documents: documents.map((d) => ({
        id: d.id,
        title: d.title,
        docNumber: d.doc_number,
        issuer: d.issuer,
        excerpt: excerptOf(d.excerpt_source, terms),
      })),
    };
  }
}
