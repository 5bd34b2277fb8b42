import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DOCUMENT_FACT_KEYS,
  DocumentFactKey,
  DocumentsRepository,
  DocumentTreeRepository,
  PolicyDocument,
  Task,
} from '@tracker/database';
import {
  Clock,
  CLOCK,
  shanghaiDate,
  StatusColour,
  SupervisionRules,
  taskStatusColour,
} from '@tracker/domain';
import { DocumentInputError } from '@tracker/documents';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { DocumentError } from './documents.errors';
import { DocumentInput } from './documents-import.service';
import { OffloadPool } from '../offload/offload-pool';

export interface DocumentSummary {
  id: string;
  title: string | null;
  issuer: string | null;
  docNumber: string | null;
  issuedOn: string | null;
  sourceFile: string | null;
  tasks: number;
  importedAt: string;
}

/** The facts of a document an office may correct after import; null clears a field. */
export type DocumentFacts = Partial<Record<DocumentFactKey, string | null>>;

/**
 * Fills the document's empty facts from `facts` (a field already set, by the text or by the
 * office, is kept). Used by setup for facts the seed texts do not state.
 */
export async function fillMissingDocumentFacts(
  em: EntityManager,
  documentId: string,
  facts: DocumentFacts,
): Promise<string[]> {
  const documents = new DocumentsRepository(em);
  const filled: string[] = [];
  for (const key of DOCUMENT_FACT_KEYS) {
    const value = facts[key];
    if (typeof value !== 'string' || value.trim() === '') continue;
    if (await documents.fillFact(documentId, key, value)) filled.push(key);
  }
  return filled;
}

/** One item of the task tree: a task with its units, deadline and colour; a container with the worst colour below it. */
export interface TaskTreeNode {
  id: string;
  path: string[];
  number: string;
  heading: string;
  isTask: boolean;
  state: string;
  deadlineOn: string | null;
  deadlineText: string | null;
  leadUnits: string[];
  supportUnits: string[];
  colour: StatusColour | null;
  children: TaskTreeNode[];
}

const WORST_FIRST: StatusColour[] = ['red', 'amber', 'green', 'done'];
const worst = (colours: (StatusColour | null)[]): StatusColour | null =>
  WORST_FIRST.find((c) => colours.includes(c)) ?? null;

/** One document with its supervision facts and its numbered tree. */
export interface DocumentDetail {
  id: string;
  title: string | null;
  issuer: string | null;
  docNumber: string | null;
  issuedOn: string | null;
  sourceFile: string | null;
  leadingBody: string | null;
  office: string | null;
  supervisionClauses: { path: string[]; text: string }[];
  supervisionProfile: Partial<SupervisionRules> | null;
  importedAt: string;
  tree: DocumentTreeNode[];
}

export interface DocumentTreeNode {
  id: string;
  path: string[];
  heading: string;
  isTask: boolean;
  deadlineOn: string | null;
  children: DocumentTreeNode[];
}

@Injectable()
export class DocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly offload: OffloadPool,
    private readonly access: AccessService,
  ) {}

  /** The document's chapters, sections and tasks, each task coloured by the one status rule. */
  async taskTree(id: string): Promise<TaskTreeNode[]> {
    if (!(await new DocumentsRepository(this.dataSource.manager).exists(id)))
      throw new DocumentError('DOCUMENT_NOT_FOUND', `Document ${id} does not exist`);
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const rows = await new DocumentTreeRepository(this.dataSource.manager).rows(id, now);
    const nodes = new Map<string, TaskTreeNode>();
    const roots: TaskTreeNode[] = [];
    for (const r of rows) {
      const node: TaskTreeNode = {
        id: r.id,
        path: r.path,
        number: r.path.join(''),
        heading: r.heading,
        isTask: r.is_task,
        state: r.state,
        deadlineOn: r.deadline_on,
        deadlineText: r.deadline_text,
        leadUnits: r.lead_units,
        supportUnits: r.support_units,
        colour: r.is_task
          ? taskStatusColour({
              state: r.state,
              deadlineOn: r.deadline_on,
              today,
              lateReports: r.late_reports,
              dueSoonReports: r.due_soon_reports,
              returnedReports: r.returned_reports,
              pendingAcknowledgements: r.pending_acks,
            })
          : null,
        children: [],
      };
      nodes.set(r.id, node);
      const parent = r.parent_id ? nodes.get(r.parent_id) : undefined;
      (parent ? parent.children : roots).push(node);
    }
    const rollUp = (n: TaskTreeNode): StatusColour | null => {
      const below = n.children.map(rollUp);
      if (!n.isTask) n.colour = worst(below);
      return n.colour;
    };
    roots.forEach(rollUp);
    return roots;
  }

  /** The office corrects a document's title, number, issuer or date; before and after are audited. */
  async updateFacts(actor: Actor, id: string, patch: DocumentFacts): Promise<DocumentDetail> {
    await this.dataSource.transaction(async (em) => {
      const documents = new DocumentsRepository(em);
      const doc = await documents.lockFacts(id);
      if (!doc) throw new DocumentError('DOCUMENT_NOT_FOUND', `Document ${id} does not exist`);
      const keys = DOCUMENT_FACT_KEYS.filter((k) => patch[k] !== undefined);
      if (keys.length === 0) return;
      const values = keys.map((k) => {
        const v = patch[k];
        return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
      });
      await documents.updateFacts(id, Object.fromEntries(keys.map((k, i) => [k, values[i]])));
      await this.audit.byActor(em, actor, {
        action: 'document.update_facts',
        targetType: 'policy_document',
        targetId: id,
        before: Object.fromEntries(keys.map((k) => [k, doc[k] ?? null])),
        after: Object.fromEntries(keys.map((k, i) => [k, values[i]])),
      });
    });
    return this.get(id);
  }

  /**
   * Turns request input (text, or base64 bytes of a text, Word or PDF file) into text, refusing
   * what is not a readable document (a scanned PDF: reason NO_TEXT_LAYER).
   */
  async decodeInput(dto: {
    fileName: string;
    text?: string;
    contentBase64?: string;
    unitMap?: Record<string, string>;
  }): Promise<DocumentInput & { encoding: string; format: string }> {
    const unitMap = dto.unitMap && Object.keys(dto.unitMap).length ? { unitMap: dto.unitMap } : {};
    try {
      // Word and PDF reading and the encoding checks run on a worker thread (OffloadPool).
      if (dto.contentBase64 !== undefined) {
        const bytes = Buffer.from(dto.contentBase64, 'base64');
        const { text, encoding, format } = await this.offload.decode({
          bytes,
          fileName: dto.fileName,
          kind: 'file',
        });
        return { fileName: dto.fileName, text, encoding, format, ...unitMap };
      }
      const { text } = await this.offload.decode({
        bytes: Buffer.from(dto.text ?? '', 'utf8'),
        fileName: dto.fileName,
        kind: 'text',
      });
      return { fileName: dto.fileName, text, encoding: 'utf-8', format: 'text', ...unitMap };
    } catch (error) {
      if (error instanceof DocumentInputError) {
        throw new DocumentError(
          error.code === 'TOO_LARGE' ? 'DOCUMENT_TOO_LARGE' : 'DOCUMENT_UNREADABLE',
          error.message,
          {
            reason: error.code,
          },
        );
      }
      throw error;
    }
  }

  /**
   * Every document (policy texts are not secret); `heldOnly`: just those in which the actor's
   * units hold a task (office and leaders hold every document).
   */
  async list(actor?: Actor, heldOnly = false): Promise<DocumentSummary[]> {
    const em = this.dataSource.manager;
    const scope = heldOnly && actor ? await this.access.scope(em, actor) : { all: true as const };
    const rows = await new DocumentsRepository(em).list(scope.all ? undefined : scope.unitIds);
    return rows.map((r) => ({ ...r, importedAt: new Date(r.importedAt).toISOString() }));
  }

  async get(id: string): Promise<DocumentDetail> {
    const doc = await this.dataSource.getRepository(PolicyDocument).findOne({
      where: { id },
      select: {
        id: true,
        title: true,
        issuer: true,
        docNumber: true,
        issuedOn: true,
        sourceFile: true,
        leadingBody: true,
        office: true,
        supervisionClauses: true,
        supervisionProfile: true,
        importedAt: true,
      },
    });
    if (!doc) throw new DocumentError('DOCUMENT_NOT_FOUND', `Document ${id} does not exist`);
    const tasks = await this.dataSource
      .getRepository(Task)
      .find({ where: { documentId: id }, order: { ordinal: 'ASC' } });
    const nodes = new Map<string, DocumentTreeNode>();
    const roots: DocumentTreeNode[] = [];
    for (const t of tasks) {
      const node: DocumentTreeNode = {
        id: t.id,
        path: t.path,
        heading: t.heading,
        isTask: t.isTask,
        deadlineOn: t.deadlineOn,
        children: [],
      };
      nodes.set(t.id, node);
      const parent = t.parentId ? nodes.get(t.parentId) : undefined;
      (parent ? parent.children : roots).push(node);
    }
    return {
      id: doc.id,
      title: doc.title,
      issuer: doc.issuer,
      docNumber: doc.docNumber,
      issuedOn: doc.issuedOn,
      sourceFile: doc.sourceFile,
      leadingBody: doc.leadingBody,
      office: doc.office,
      supervisionClauses: doc.supervisionClauses,
      supervisionProfile: doc.supervisionProfile,
      importedAt: doc.importedAt.toISOString(),
      tree: roots,
    };
  }
}
