import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, CLOCK } from '@tracker/domain';
import { BreakdownRepository, BreakdownShareRow, BreakdownTaskRow } from '@tracker/database';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Actor, hasRole } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import {
  BreakdownLocality,
  BreakdownTarget,
  ParsedShare,
  readBreakdownTable,
  splitPastedTable,
  TableProblem,
  TableRow,
} from './breakdown-table';
import { readWorkbookRows } from './breakdown-workbook';
import { BreakdownError } from './breakdown.errors';

/** The largest breakdown workbook or pasted table accepted (an annex table is a few KiB). */
export const BREAKDOWN_MAX_BYTES = 1024 * 1024;

export interface BreakdownProgressView {
  targetIndex: number;
  unitId: string;
  unitName: string;
  share: number;
  measure: string | null;
  reported: number | null;
  period: string | null;
  percent: number | null;
}

export interface BreakdownTotalView {
  targetIndex: number;
  text: string;
  unit: string | null;
  /** The target's own figure in the task's text. */
  planned: number | null;
  shareTotal: number;
  reportedTotal: number | null;
  percent: number | null;
  localities: number;
  reportedLocalities: number;
}

export interface BreakdownView {
  taskId: string;
  targets: BreakdownTarget[];
  localities: { unitId: string; unitName: string; groupName: string | null }[];
  shares: { unitId: string; targetIndex: number; value: number; measure: string | null }[];
  progress: BreakdownProgressView[];
  totals: BreakdownTotalView[];
  updatedAt: Date | null;
}

export type BreakdownImportInput =
  { kind: 'text'; text: string } | { kind: 'xlsx'; body: Buffer; fileName: string | null };

const targetsOf = (t: BreakdownTaskRow): BreakdownTarget[] =>
  t.targets.map((x, index) => ({ index, text: x.text, value: x.value, unit: x.unit }));

function invalid(problems: TableProblem[]): BreakdownError {
  const fields: Record<string, string[]> = {};
  for (const p of problems) (fields[p.field] ??= []).push(`${p.zh} / ${p.en}`);
  const first = problems.slice(0, 5);
  return new BreakdownError(
    'BREAKDOWN_INVALID',
    `${first.map((p) => p.zh).join('；')} / ${first.map((p) => p.en).join('; ')}`,
    { fields },
  );
}

/**
 * 各地分解: a task given to a collective (各市人民政府) is split per member unit in a breakdown
 * table, entered on the task page or imported from an annex table; each member reports against
 * its own share, and the roll-up sets the sum of the latest values against the sum of the shares.
 * The office writes; whoever may read the task reads it.
 */
@Injectable()
export class BreakdownService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async get(actor: Actor, taskId: string): Promise<BreakdownView> {
    const em = this.dataSource.manager;
    await this.access.requireTask(em, actor, taskId);
    return this.view(em, taskId);
  }

  /** Replaces the task's table with the shares given (all or none). */
  async save(
    actor: Actor,
    taskId: string,
    shares: { unitId: string; targetIndex: number; value: number }[],
  ): Promise<BreakdownView> {
    return this.write(actor, taskId, 'task.breakdown.save', null, (targets, localities) => {
      const problems: TableProblem[] = [];
      const known = new Set(localities.map((l) => l.unitId));
      const seen = new Set<string>();
      shares.forEach((s, i) => {
        if (!known.has(s.unitId))
          problems.push({
            field: `shares.${i}.unitId`,
            zh: `第${i + 1}项：该单位不是本任务的地区`,
            en: `Item ${i + 1}: the unit is not a locality of this task`,
          });
        if (!targets[s.targetIndex])
          problems.push({
            field: `shares.${i}.targetIndex`,
            zh: `第${i + 1}项：本任务没有第${s.targetIndex + 1}个指标`,
            en: `Item ${i + 1}: the task has no target ${s.targetIndex + 1}`,
          });
        const key = `${s.unitId}/${s.targetIndex}`;
        if (seen.has(key))
          problems.push({
            field: `shares.${i}`,
            zh: `第${i + 1}项：同一地区同一指标重复填写`,
            en: `Item ${i + 1}: a second share for the same locality and target`,
          });
        seen.add(key);
      });
      return { shares, problems };
    });
  }

  /** Imports a table (an .xlsx's first sheet or pasted text); it replaces the whole table. */
  async import(actor: Actor, taskId: string, input: BreakdownImportInput): Promise<BreakdownView> {
    let rows: TableRow[];
    if (input.kind === 'text') rows = splitPastedTable(input.text);
    else {
      if (input.body.length > BREAKDOWN_MAX_BYTES)
        throw invalid([
          {
            field: 'contentBase64',
            zh: `文件超过 ${BREAKDOWN_MAX_BYTES / 1024} KiB`,
            en: `The file is over ${BREAKDOWN_MAX_BYTES / 1024} KiB`,
          },
        ]);
      rows = await readWorkbookRows(input.body).catch(() => {
        throw invalid([
          {
            field: 'contentBase64',
            zh: '无法读取该文件，请上传 Excel（.xlsx）文件',
            en: 'The file could not be read; upload an Excel (.xlsx) file',
          },
        ]);
      });
    }
    return this.write(
      actor,
      taskId,
      'task.breakdown.import',
      { source: input.kind, fileName: input.kind === 'xlsx' ? input.fileName : null },
      (targets, localities) => readBreakdownTable(rows, targets, localities),
    );
  }

  private async write(
    actor: Actor,
    taskId: string,
    action: string,
    source: Record<string, unknown> | null,
    parse: (
      targets: BreakdownTarget[],
      localities: BreakdownLocality[],
    ) => { shares: ParsedShare[]; problems: TableProblem[] },
  ): Promise<BreakdownView> {
    if (!hasRole(actor, 'office'))
      throw new BreakdownError('FORBIDDEN', 'Only the office writes breakdown tables');
    return this.dataSource.transaction(async (em) => {
      await this.access.requireTask(em, actor, taskId);
      const repo = new BreakdownRepository(em);
      await repo.lockTask(taskId);
      const task = (await repo.task(taskId)) as BreakdownTaskRow;
      const targets = targetsOf(task);
      const localities = await repo.localities(taskId);
      const early: TableProblem[] = [];
      if (!localities.length)
        early.push({
          field: 'task',
          zh: '本任务的责任单位不是“各市人民政府”这类集体单位，无需分解',
          en: 'The task is not assigned to a collective (such as 各市人民政府), so there is nothing to break down',
        });
      if (!targets.length)
        early.push({
          field: 'task',
          zh: '本任务没有量化指标',
          en: 'The task has no quantitative target',
        });
      if (early.length) throw invalid(early);
      const { shares, problems } = parse(targets, localities);
      if (problems.length) throw invalid(problems);
      const before = await repo.shares(taskId);
      const rows: BreakdownShareRow[] = shares.map((s) => ({
        ...s,
        measure: targets[s.targetIndex].unit,
      }));
      await repo.replace(taskId, rows, actor.id, this.clock.now());
      await this.audit.byActor(em, actor, {
        action,
        targetType: 'task',
        targetId: taskId,
        before: { shares: before },
        after: { shares: rows, ...(source ?? {}) },
      });
      return this.view(em, taskId);
    });
  }

  private async view(em: EntityManager, taskId: string): Promise<BreakdownView> {
    const repo = new BreakdownRepository(em);
    const task = (await repo.task(taskId)) as BreakdownTaskRow;
    const targets = targetsOf(task);
    const [localities, shares, progress, totals, meta] = [
      await repo.localities(taskId),
      await repo.shares(taskId),
      await repo.progress([taskId]),
      await repo.totals([taskId]),
      await repo.meta(taskId),
    ];
    return {
      taskId,
      targets,
      localities: localities.map((l) => ({
        unitId: l.unitId,
        unitName: l.unitName,
        groupName: l.groupName,
      })),
      shares,
      progress: progress.map((p) => ({
        targetIndex: p.targetIndex,
        unitId: p.unitId,
        unitName: p.unitName,
        share: p.share,
        measure: p.measure,
        reported: p.reported,
        period: p.period,
        percent: p.percent,
      })),
      totals: totals.map((t) => ({
        targetIndex: t.targetIndex,
        text: targets[t.targetIndex]?.text ?? '',
        unit: targets[t.targetIndex]?.unit ?? null,
        planned: targets[t.targetIndex]?.value ?? null,
        shareTotal: t.shareTotal,
        reportedTotal: t.reportedTotal,
        percent: t.percent,
        localities: t.localities,
        reportedLocalities: t.reportedLocalities,
      })),
      updatedAt: meta.updatedAt ? new Date(meta.updatedAt) : null,
    };
  }
}
