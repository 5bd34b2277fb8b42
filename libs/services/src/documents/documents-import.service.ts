import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AssignmentRole, Clock, CLOCK } from '@tracker/domain';
import { randomUUID } from 'node:crypto';
import {
  AssignmentsRepository,
  DocumentImportRepository,
  DocumentsRepository,
  ImportedAssignmentRow,
  ImportedTaskRow,
  PolicyDocument,
  RevisionsRepository,
} from '@tracker/database';
import {
  analyzePolicyDocument,
  DocumentInputError,
  OutlineItem,
  PolicyAnalysis,
} from '@tracker/documents';
import { OffloadPool } from '../offload/offload-pool';
import { contentHashOf } from '../offload/offload.tasks';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { LadderJobsService, startAckLadders } from '../ladder/ladder-jobs.service';
import { requireQueue } from '../queue-deadline';
import { DocumentError } from './documents.errors';
import { UnitResolver } from './unit-resolver';
import { RevisionPreview, revisionPreview } from '../amendments/revision-diff';

export interface DocumentInput {
  fileName: string;
  text: string;
  /**
   * Names as the text writes them → the registered unit each stands for (the office's fixes in the
   * preview). The text itself is kept as issued, so the same file is still recognised.
   */
  unitMap?: Record<string, string>;
  /**
   * The document's assignments were made long before it came into the tracker (the development
   * seed of years-old plans): recorded as pre-existing, so no acknowledgement request goes out.
   */
  preexisting?: boolean;
}

/** The name to resolve for a name in the text: the office's mapping when it gave one. */
const mapped = (input: DocumentInput, name: string): string =>
  input.unitMap?.[name]?.trim() || name;

export interface PreviewAssignment {
  path: string[];
  heading: string;
  role: AssignmentRole;
  /** The name as the document writes it. */
  name: string;
  /** The registered name the office mapped it to, when it did. */
  mappedTo?: string;
  /** Registered units this name resolves to (a collective expands to its members). */
  units: { id: string; name: string }[];
  registered: boolean;
}

export interface ImportPreview {
  analysis: PolicyAnalysis;
  contentHash: string;
  alreadyImported: { id: string; title: string | null } | null;
  /**
   * A revised text of a document already imported (same number, title and issuer, another text):
   * the differences it makes, which the office confirms as amendments instead of importing.
   */
  revisionOf: RevisionPreview | null;
  assignments: PreviewAssignment[];
  warnings: { code: string; message: string; path?: string[]; unit?: string }[];
}

export interface ImportResult {
  documentId: string;
  created: boolean;
  tasks: number;
  assignments: number;
}

/** The extractor's refusal (no numbered items, …) as a domain error. */
function refusal(error: unknown): unknown {
  if (!(error instanceof DocumentInputError)) return error;
  const code = error.code === 'TOO_LARGE' ? 'DOCUMENT_TOO_LARGE' : 'DOCUMENT_UNREADABLE';
  return new DocumentError(code, error.message, { reason: error.code });
}

function flatten(items: OutlineItem[], out: OutlineItem[] = []): OutlineItem[] {
  for (const item of items) {
    out.push(item);
    flatten(item.children, out);
  }
  return out;
}

/** Reads a document into the database: preview first, then one all-or-nothing, idempotent import. */
@Injectable()
export class DocumentsImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    // Absent in the CLI (no queue): the worker's reconcile starts the acknowledgement ladders there.
    @Optional() private readonly ladderJobs?: LadderJobsService,
    // Absent in the CLI too: there is no request thread to keep free, so it extracts inline.
    @Optional() private readonly offload?: OffloadPool,
  ) {}

  /** Extracts off the request thread when a pool is there; the same result either way. */
  async analyse(input: DocumentInput): Promise<{ analysis: PolicyAnalysis; contentHash: string }> {
    try {
      if (this.offload)
        return await this.offload.analyse({ text: input.text, fileName: input.fileName });
      return {
        analysis: analyzePolicyDocument(input.text, { fileName: input.fileName }),
        contentHash: contentHashOf(input.text),
      };
    } catch (error) {
      throw refusal(error);
    }
  }

  private readonly logger = new Logger(DocumentsImportService.name);

  async preview(input: DocumentInput): Promise<ImportPreview> {
    const { analysis, contentHash } = await this.analyse(input);
    const existing = await this.dataSource.getRepository(PolicyDocument).findOne({
      where: { contentHash },
      select: { id: true, title: true },
    });
    const resolver = new UnitResolver(this.dataSource.manager);
    const assignments: PreviewAssignment[] = [];
    const warnings: ImportPreview['warnings'] = analysis.warnings.filter(
      (w) => w.code !== 'UNIT_NOT_IN_REGISTRY',
    );
    const unknown = new Set<string>();
    for (const item of flatten(analysis.outline).filter((i) => i.isTask)) {
      for (const [role, names] of [
        ['lead', item.leadUnits],
        ['support', item.supportingUnits],
      ] as const) {
        for (const name of names) {
          const target = mapped(input, name);
          const units = await resolver.lookup(target);
          assignments.push({
            path: item.path,
            heading: item.heading,
            role,
            name,
            ...(target !== name ? { mappedTo: target } : {}),
            units,
            registered: units.length > 0,
          });
          if (units.length === 0 && !unknown.has(name)) {
            unknown.add(name);
            warnings.push({
              code: 'UNIT_NOT_IN_REGISTRY',
              message: `单位“${name}”不在单位名录中，导入时将新建 (unit not yet in the registry; it will be created)`,
              path: item.path,
              unit: name,
            });
          }
        }
      }
    }
    return {
      analysis,
      contentHash,
      alreadyImported: existing ? { id: existing.id, title: existing.title } : null,
      revisionOf: existing
        ? null
        : await revisionPreview(this.dataSource.manager, analysis, contentHash, input.unitMap),
      assignments,
      warnings,
    };
  }

  async import(input: DocumentInput, actor: Actor | null): Promise<ImportResult> {
    // The CLI has no queue: its documents' ladders start with the worker's reconcile.
    if (this.ladderJobs) await requireQueue(this.ladderJobs, 'document.import');
    const { analysis, contentHash } = await this.analyse(input);
    const result = await this.dataSource.transaction(async (em): Promise<ImportResult> => {
      // Serialise imports of the same text: the second waits, then finds the first.
      const documents = new DocumentsRepository(em);
      await documents.lockContentHash(contentHash);
      const existing = await em
        .getRepository(PolicyDocument)
        .findOne({ where: { contentHash }, select: { id: true } });
      if (existing) {
        const tasks = await documents.countTasks(existing.id);
        const assignments = await new AssignmentsRepository(em).countOfDocument(existing.id);
        return { documentId: existing.id, created: false, tasks, assignments };
      }
      // A revised text of a document already here is not a second document: the office confirms
      // its differences as amendments (POST /api/documents/:id/revisions).
      const revised = await new RevisionsRepository(em).findByIdentity(analysis.document);
      if (revised)
        throw new DocumentError(
          'DOCUMENT_REVISION',
          `Document ${revised.id} has the same number, title and issuer; confirm the revised text as amendments`,
          { documentId: revised.id },
        );
      return this.insert(em, analysis, input, contentHash, actor);
    });
    // After commit: supporting units get their acknowledgement requests (the ladder's first rung),
    // derived by the worker from the committed rows.
    if (result.created)
      await startAckLadders(this.ladderJobs, this.logger, result.documentId, 'import');
    return result;
  }

  private async insert(
    em: EntityManager,
    analysis: PolicyAnalysis,
    input: DocumentInput,
    contentHash: string,
    actor: Actor | null,
  ): Promise<ImportResult> {
    const doc = analysis.document;
    const saved = await em.getRepository(PolicyDocument).save(
      em.getRepository(PolicyDocument).create({
        title: doc.title,
        issuer: doc.issuer,
        docNumber: doc.docNumber,
        issuedOn: doc.issuedOn,
        sourceFile: input.fileName,
        contentHash,
        sourceText: input.text,
        leadingBody: doc.supervision.leadingBody,
        office: doc.supervision.office,
        supervisionClauses: doc.supervision.clauses,
        // The cadence the preview showed is kept; the other rules come from the document's own
        // clauses and the defaults until the office edits them.
        supervisionProfile: { cadence: doc.supervision.cadence },
        importedBy: actor?.id ?? null,
      }),
    );

    const resolver = new UnitResolver(em, { create: true, region: analysis.region });
    const taskRows: ImportedTaskRow[] = [];
    const assignmentRows: ImportedAssignmentRow[] = [];
    const createdAt = this.clock.now();
    let tasks = 0;
    // Ids are chosen here so every child names its parent and every assignment its task before
    // anything is written: the whole tree then goes in as a few multi-row statements.
    const collect = async (items: OutlineItem[], parentId: string | null): Promise<void> => {
      for (const item of items) {
        const id = randomUUID();
        taskRows.push({
          id,
          documentId: saved.id,
          parentId,
          path: item.path,
          pathKey: item.path.join('/'),
          ordinal: taskRows.length,
          heading: item.heading,
          body: item.text,
          isTask: item.isTask,
          unitsSource: item.unitsSource,
          deadlineText: item.deadlineText,
          deadlineOn: item.deadline,
          targets: item.targets.map((t) => ({
            text: t.text,
            value: t.value,
            unit: t.unit,
            by: t.by,
          })),
        });
        if (item.isTask) {
          tasks++;
          for (const a of await this.assign(resolver, id, item, input)) {
            assignmentRows.push({ ...a, createdAt, isPreexisting: input.preexisting === true });
          }
        }
        await collect(item.children, id);
      }
    };
    await collect(analysis.outline, null);
    const bulk = new DocumentImportRepository(em);
    await bulk.insertTasks(taskRows);
    await bulk.insertAssignments(assignmentRows);
    const assignments = assignmentRows.length;

    await this.audit.record(em, {
      actorId: actor?.id ?? null,
      actorUnitId: actor?.unitId ?? null,
      action: 'document.import',
      targetType: 'policy_document',
      targetId: saved.id,
      after: {
        title: doc.title,
        file: input.fileName,
        tasks,
        assignments,
        contentHash,
        ...(input.unitMap && Object.keys(input.unitMap).length ? { unitMap: input.unitMap } : {}),
      },
      channel: actor?.channel ?? 'cli',
      requestId: actor?.requestId ?? null,
    });
    return { documentId: saved.id, created: true, tasks, assignments };
  }

  /** A task added by a revised text gets its units as an imported task does; returns their count. */
  async assignAdded(
    em: EntityManager,
    resolver: UnitResolver,
    taskId: string,
    item: OutlineItem,
    input: DocumentInput,
  ): Promise<number> {
    const createdAt = this.clock.now();
    const rows = (await this.assign(resolver, taskId, item, input)).map((a) => ({
      ...a,
      createdAt,
      isPreexisting: false,
    }));
    await new DocumentImportRepository(em).insertAssignments(rows);
    return rows.length;
  }

  /** Lead units first, in the document's order; a unit named twice keeps its first (lead) role. */
  private async assign(
    resolver: UnitResolver,
    taskId: string,
    item: OutlineItem,
    input: DocumentInput,
  ): Promise<Omit<ImportedAssignmentRow, 'createdAt' | 'isPreexisting'>[]> {
    const seen = new Set<string>();
    const rows: Omit<ImportedAssignmentRow, 'createdAt' | 'isPreexisting'>[] = [];
    for (const [role, names] of [
      ['lead', item.leadUnits],
      ['support', item.supportingUnits],
    ] as const) {
      for (const name of names) {
        // Cached per name: a long document names the same few hundred units thousands of times.
        const resolved = await resolver.resolveForAssignment(mapped(input, name));
        for (const unit of resolved.units) {
          if (seen.has(unit.id)) continue;
          seen.add(unit.id);
          rows.push({
            taskId,
            unitId: unit.id,
            groupId: resolved.groupId,
            role,
            ordinal: rows.length,
          });
        }
      }
    }
    return rows;
  }
}
