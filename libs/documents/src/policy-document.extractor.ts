import type {
  ExtractedDocument,
  ExtractedTask,
  ExtractionWarning,
  ExtractOptions,
  OutlineItem,
  PolicyAnalysis,
} from './document.types';
import { parseRecurrence } from '@tracker/domain';
import { parseDocumentFacts, planYearOf } from './facts/document-facts.parser';
import { parseSupervision } from './facts/supervision.parser';
import { DocumentInputError } from './input/document-input.error';
import { isStandaloneDate } from './text/chinese-date.parser';
import { flattenOutline, isPlanTitle, OutlineNode, parseOutline } from './outline/outline.parser';
import { isGroupName, regionOfDocument, resolveUnit } from './registry/unit-registry';
import { placeStemsOf } from './units/unit-name.util';
import { DeadlineContext, parseDeadline } from './schedule/deadline.parser';
import { parseTargets } from './targets/target.parser';
import { findExcluded, isTaskNode } from './tasks/task.selector';
import { assignUnits } from './tasks/unit-assignment';
import { mergeTableTasks, withoutBodyTables } from './tables/table-tasks';
import { locateTaskTables } from './tables/task-table.locator';
import { documentLeadCount, readTaskTables, TaskTable } from './tables/task-table.parser';

const DEFAULT_FILE_NAME = '(text)';

/**
 * Text → numbered tree → tasks, with the document's facts, its supervision profile, the full
 * outline (for an import preview) and warnings. Throws DocumentInputError NO_NUMBERED_ITEMS when
 * the text has no numbered items at all.
 */
export function analysePolicyDocument(text: string, opts: ExtractOptions = {}): PolicyAnalysis {
  const file = opts.fileName ?? DEFAULT_FILE_NAME;
  // Task-division tables (an annex's 重点任务分工表, or a table in the body) are read apart.
  const located = locateTaskTables(text);
  const outline = parseOutline(withoutBodyTables(text, located));
  const nodes = flattenOutline(outline.roots);
  // A table after the signature block is the notice's attachment, with or without an `附件` line; a
  // notice with no numbered items of its own signs off with its standalone date line.
  const signatureLine =
    outline.trailerLine ?? (nodes.length === 0 ? firstStandaloneDateLine(text) : null);
  for (const t of located)
    if (t.annexLabel === null && signatureLine !== null && t.startLine > signatureLine)
      t.annexLabel = '附件';
  const firstTable = located.find((t) => t.rows.length > 0);
  if (nodes.length === 0 && !firstTable) {
    throw new DocumentInputError(
      'NO_NUMBERED_ITEMS',
      file,
      'no numbered items (一、 / （一） / 1． / 专栏N) found: not a policy document',
    );
  }
  const facts = parseDocumentFacts(
    text,
    nodes[0]?.line ?? firstTable?.startLine ?? 1,
    outline.trailer,
  );
  const planYear = planYearOf(facts, text, opts.fileName);
  const ctx: DeadlineContext = { planYear, issuedOn: facts.issuedOn };
  const ownPlaces = placeStemsOf(text);
  const assignment = assignUnits(
    outline.roots,
    nodes,
    [...outline.preamble, ...outline.trailer],
    ownPlaces,
  );
  const excluded = findExcluded(
    outline.roots,
    (n) => assignment.units.get(n)?.unitsSource === 'own',
  );

  const itemOf = new Map<OutlineNode, OutlineItem>();
  const toItem = (node: OutlineNode): OutlineItem => {
    const units = assignment.units.get(node) ?? {
      leadUnits: [],
      supportingUnits: [],
      unitsSource: 'none' as const,
    };
    const ownText = node.paragraphs.join('\n');
    const item: OutlineItem = {
      kind: node.kind,
      path: node.path,
      heading: node.heading,
      text: ownText,
      excluded: excluded.has(node),
      isTask: isTaskNode(node, excluded),
      ...units,
      ...parseDeadline(ownText, ctx),
      targets: parseTargets(assignment.textWithoutClauses.get(node) ?? ownText, ctx),
      ...(assignment.provenance.has(node) ? { provenance: assignment.provenance.get(node) } : {}),
      children: node.children.map(toItem),
    };
    itemOf.set(node, item);
    return item;
  };
  const tables = readTaskTables(located, ctx, { leadCount: documentLeadCount(text), ownPlaces });
  const enclosing = (line: number) => {
    const node = [...nodes].reverse().find((n) => n.line < line);
    return node ? (itemOf.get(node) ?? null) : null;
  };
  const merged = mergeTableTasks(outline.roots.map(toItem), tables, enclosing, flattenItems);
  const outlineItems = merged.outline;
  // Only a notice's own items: a plan titled before its items (`…实施方案` / `一、…`) keeps its chapters.
  if (!outline.preamble.some(isPlanTitle)) coverNoticeItems(outlineItems, located);
  for (const item of flattenItems(outlineItems)) {
    const recurrence = parseRecurrence(item.deadlineText);
    if (recurrence) item.recurrence = recurrence;
  }
  const tasks = flattenItems(outlineItems)
    .filter((i) => i.isTask)
    .map(toTask);

  const allParagraphs = [...outline.preamble, ...nodes.flatMap((n) => n.paragraphs)];
  const document: ExtractedDocument = {
    file,
    ...facts,
    supervision: parseSupervision(outline.roots, allParagraphs),
    tasks,
  };
  const region = regionOfDocument(text, facts.issuer);
  return {
    document,
    outline: outlineItems,
    warnings: [
      ...warningsFor(document, assignment.clauseCount + merged.rowsWithUnits, region),
      ...tableWarnings(file, tables),
      ...[...assignment.assumedLead]
        .map((node) => itemOf.get(node))
        .filter((item): item is OutlineItem => !!item && item.isTask && item.unitsSource === 'own')
        .map((item) => ({
          code: 'LEAD_ASSUMED' as const,
          message: `${file}：任务 ${item.path.join('/')} ${item.heading} 的责任单位未写明牵头，按排列第一位的“${item.leadUnits[0]}”为牵头单位 (no role stated: the first listed unit was taken as lead)`,
          path: item.path,
          unit: item.leadUnits[0],
        })),
    ],
    planYear,
    region,
  };
}

/**
 * A notice whose numbered items name no unit while its attached task table does: the items are the
 * notice's requirements (`各有关部门要高度重视…`), not tasks.
 */
function coverNoticeItems(
  items: OutlineItem[],
  located: { annexLabel: string | null; rows: unknown[] }[],
): void {
  if (!located.some((t) => t.annexLabel !== null && t.rows.length > 0)) return;
  const body = flattenItems(items.filter((i) => !i.path[0]?.startsWith('附件')));
  const tasks = body.filter((i) => i.isTask);
  const annexWithUnits = flattenItems(items.filter((i) => i.path[0]?.startsWith('附件'))).some(
    (i) => i.unitsSource === 'own',
  );
  if (!annexWithUnits || tasks.length === 0 || tasks.some((i) => i.unitsSource !== 'none')) return;
  for (const item of body) {
    item.isTask = false;
    item.excluded = true;
  }
}

/** The contract's document object (contracts/extraction.md). */
export function extractPolicyDocument(text: string, opts: ExtractOptions = {}): ExtractedDocument {
  return analysePolicyDocument(text, opts).document;
}

export function flattenItems(items: OutlineItem[]): OutlineItem[] {
  return items.flatMap((i) => [i, ...flattenItems(i.children)]);
}

function toTask(item: OutlineItem): ExtractedTask {
  return {
    path: item.path,
    heading: item.heading,
    leadUnits: item.leadUnits,
    supportingUnits: item.supportingUnits,
    unitsSource: item.unitsSource,
    deadlineText: item.deadlineText,
    deadline: item.deadline,
    ...(item.recurrence ? { recurrence: item.recurrence } : {}),
    targets: item.targets,
  };
}

/** A table with a header but no row read from it. */
function tableWarnings(file: string, tables: TaskTable[]): ExtractionWarning[] {
  return tables
    .filter((t) => t.rows.length === 0)
    .map((t) => ({
      code: 'TABLE_WITHOUT_ROWS' as const,
      message: `${file}：第${t.startLine}行${t.annexLabel ?? ''}任务表“${t.title ?? t.header.join('/')}”有表头但未读出任务行 (task table header without readable rows)`,
      ...(t.annexLabel ? { path: [t.annexLabel] } : {}),
    }));
}

function warningsFor(
  doc: ExtractedDocument,
  clauseCount: number,
  region: string | null,
): ExtractionWarning[] {
  const warnings: ExtractionWarning[] = [];
  if (doc.tasks.length === 0) {
    warnings.push({
      code: 'NO_TASKS',
      message: `${doc.file}：任务、重点领域和保障措施各章中未找到任务 (no tasks found under task, key-area or safeguard chapters)`,
    });
  }
  if (clauseCount === 0) {
    warnings.push({
      code: 'NO_RESPONSIBILITY_CLAUSES',
      message: `${doc.file}：全文没有责任分工表述，所有任务均无责任单位 (no responsibility clauses; every task is left without units)`,
    });
  } else {
    for (const task of doc.tasks.filter((t) => t.unitsSource === 'none')) {
      warnings.push({
        code: 'TASK_WITHOUT_UNITS',
        message: `${doc.file}：任务 ${task.path.join('/')} ${task.heading} 未识别到牵头或配合单位 (no lead or supporting unit)`,
        path: task.path,
      });
    }
  }
  const names = new Set(doc.tasks.flatMap((t) => [...t.leadUnits, ...t.supportingUnits]));
  for (const name of names) {
    if (!resolveUnit(name, region ?? undefined) && !isGroupName(name)) {
      warnings.push({
        code: 'UNIT_NOT_IN_REGISTRY',
        message: `${doc.file}：单位“${name}”不在单位名录中 (unit not in the registry)`,
        unit: name,
      });
    }
  }
  return warnings;
}

/** 1-based line of the text's first standalone date line (`2023年3月1日`), else null. */
function firstStandaloneDateLine(text: string): number | null {
  const at = text.split(/\r\n|\r|\n/).findIndex((l) => isStandaloneDate(l));
  return at < 0 ? null : at + 1;
}
