import type {
  ExtractedDocument,
  ExtractedTask,
  ExtractionWarning,
  ExtractOptions,
  OutlineItem,
  PolicyAnalysis,
} from './document.types';
import { parseDocumentFacts, planYearOf } from './facts/document-facts.parser';
import { parseSupervision } from './facts/supervision.parser';
import { DocumentInputError } from './input/document-input.error';
import { flattenOutline, OutlineNode, parseOutline } from './outline/outline.parser';
import { isGroupName, regionOfDocument, resolveUnit } from './registry/unit-registry';
import { DeadlineContext, parseDeadline } from './schedule/deadline.parser';
import { parseTargets } from './targets/target.parser';
import { findExcluded, isTaskNode } from './tasks/task.selector';
import { assignUnits } from './tasks/unit-assignment';

const DEFAULT_FILE_NAME = '(text)';

/**
 * Text → numbered tree → tasks, with the document's facts, its supervision profile, the full
 * outline (for an import preview) and warnings. Throws DocumentInputError NO_NUMBERED_ITEMS when
 * the text has no numbered items at all.
 */
export function analysePolicyDocument(text: string, opts: ExtractOptions = {}): PolicyAnalysis {
  const file = opts.fileName ?? DEFAULT_FILE_NAME;
  const outline = parseOutline(text);
  const nodes = flattenOutline(outline.roots);
  if (nodes.length === 0) {
    throw new DocumentInputError(
      'NO_NUMBERED_ITEMS',
      file,
      'no numbered items (一、 / （一） / 1． / 专栏N) found: not a policy document',
    );
  }
  const facts = parseDocumentFacts(text, nodes[0].line, outline.trailer);
  const planYear = planYearOf(facts, text, opts.fileName);
  const ctx: DeadlineContext = { planYear, issuedOn: facts.issuedOn };
  const assignment = assignUnits(outline.roots, nodes, [...outline.preamble, ...outline.trailer]);
  const excluded = findExcluded(outline.roots);

  const toItem = (node: OutlineNode): OutlineItem => {
    const units = assignment.units.get(node) ?? { leadUnits: [], supportingUnits: [], unitsSource: 'none' as const };
    const ownText = node.paragraphs.join('\n');
    return {
      kind: node.kind,
      path: node.path,
      heading: node.heading,
      text: ownText,
      excluded: excluded.has(node),
      isTask: isTaskNode(node, excluded),
      ...units,
      ...parseDeadline(ownText, ctx),
      targets: parseTargets(assignment.textWithoutClauses.get(node) ?? ownText, ctx),
      children: node.children.map(toItem),
    };
  };
  const outlineItems = outline.roots.map(toItem);
  const tasks = flattenItems(outlineItems).filter((i) => i.isTask).map(toTask);

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
    warnings: warningsFor(document, assignment.clauseCount, region),
    planYear,
    region,
  };
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
    targets: item.targets,
  };
}

function warningsFor(doc: ExtractedDocument, clauseCount: number, region: string | null): ExtractionWarning[] {
  const warnings: ExtractionWarning[] = [];
  if (doc.tasks.length === 0) {
    warnings.push({ code: 'NO_TASKS', message: `${doc.file}：任务、重点领域和保障措施各章中未找到任务 (no tasks found under task, key-area or safeguard chapters)` });
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
      warnings.push({ code: 'UNIT_NOT_IN_REGISTRY', message: `${doc.file}：单位“${name}”不在单位名录中 (unit not in the registry)`, unit: name });
    }
  }
  return warnings;
}
