import { parseCadence } from '@tracker/domain';
import { findClauses } from '../clauses/clause.parser';
import { findLeadConventions, withoutConventions } from '../clauses/lead-convention.parser';
import type {
  ReportingCadence,
  SupervisionClause,
  SupervisionKind,
  SupervisionProfile,
} from '../document.types';
import type { OutlineNode } from '../outline/outline.parser';
import { removeSpaces, trimText } from '../text/text.util';
import { isUnitLike } from '../units/unit-name.util';

const SAFEGUARD_CHAPTER = /(保障|措施|组织|实施|支撑|推进机制|工作要求|督|考核)/;
const ORGANISATION_ITEM = /(组织|实施|领导|督|考核|评估|评价|责任|落实|通报|调度|监测)/;

const KIND_PATTERNS: [SupervisionKind, RegExp][] = [
  ['inspection', /(督促检查|督导|督查|督办|督促指导|跟踪督促|监督检查)/],
  ['reporting', /(报送|上报|汇报|报告(?!制度))/],
  ['bulletin', /通报/],
  ['evaluation', /(考核|(?<!咨询|风险|安全)评估|第三方评价|动态评价)/],
];

export function supervisionKinds(sentence: string): SupervisionKind[] {
  return KIND_PATTERNS.filter(([, re]) => re.test(sentence)).map(([kind]) => kind);
}

/** Sentences of a paragraph, its responsibility clauses cut out. */
function sentencesOf(paragraph: string): string[] {
  let text = paragraph;
  for (const c of findClauses(paragraph).reverse())
    text = text.slice(0, c.start) + text.slice(c.end);
  return text
    .split(/(?<=[。！？!?])/)
    .map((s) => trimText(s).replace(/[。！？!?]$/, ''))
    .filter((s) => s.length > 0);
}

/** The chapters that organise implementation (保障措施, 组织实施…), else the last chapter. */
function safeguardScopes(roots: OutlineNode[]): OutlineNode[] {
  const chapters = roots
    .flatMap((r) => (r.kind === 'part' ? r.children : [r]))
    .filter((r) => r.kind !== 'box');
  const scopes = chapters.filter((r) => SAFEGUARD_CHAPTER.test(r.heading));
  return scopes.length > 0 ? scopes : chapters.slice(-1);
}

/** Sentences on inspection, reporting, bulletins or evaluation in the organisation items of those chapters. */
function supervisionClauses(roots: OutlineNode[]): SupervisionClause[] {
  const clauses: SupervisionClause[] = [];
  const visit = (node: OutlineNode, scanOwn: boolean, passDown: boolean) => {
    const organisational = passDown || ORGANISATION_ITEM.test(node.heading);
    if (scanOwn || organisational) {
      for (const paragraph of node.paragraphs) {
        for (const sentence of sentencesOf(paragraph)) {
          if (sentence === node.heading) continue;
          if (supervisionKinds(sentence).length > 0)
            clauses.push({ path: node.path, text: sentence });
        }
      }
    }
    node.children.forEach((c) => visit(c, false, organisational));
  };
  // A safeguard chapter's own paragraphs always count; below it, only organisation items.
  safeguardScopes(roots).forEach((scope) => visit(scope, true, false));
  return clauses;
}

/** The cadence the clauses call for, read by the one cadence parser (libs/domain); quarterly by default. */
export function cadenceOf(sentences: string[]): ReportingCadence {
  return parseCadence(sentences) ?? 'quarterly';
}

const BODY_NAME = /([^，。；、,;：:（）()]{2,60}?(?:领导小组|联席会议))/g;
const CREATED = /(成立|建立|设立|组建)$/;
const LEADING_VERBS =
  /^(充分发挥|发挥|依托|通过|经|由|在|建立健全|建立|成立|设立|组建|健全|完善|加强)+/;

/** The leading group or joint meeting the document sets up (preferred) or relies on. */
function findLeadingBody(paragraphs: string[]): string | null {
  const created: string[] = [];
  const mentioned: string[] = [];
  for (const p of paragraphs) {
    for (const m of p.matchAll(BODY_NAME)) {
      const before = p.slice(0, m.index ?? 0);
      const name = removeSpaces(m[1]).replace(LEADING_VERBS, '');
      if (name.length < 4) continue;
      if (CREATED.test(before) || /^(成立|建立|设立|组建)/.test(m[1]))
        created.push(name.replace(/^(成立|建立|设立|组建)/, ''));
      else mentioned.push(name);
    }
  }
  if (created.length > 0) return created[0];
  if (mentioned.length === 0) return null;
  const counts = new Map<string, number>();
  mentioned.forEach((n) => counts.set(n, (counts.get(n) ?? 0) + 1));
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
}

/** Where the office sits (`办公室设在X`), else the lead of the joint meeting, else who coordinates. */
function findOffice(paragraphs: string[]): string | null {
  const patterns = [
    /办公室设在([^，。；,;]{2,30}?)(?:[，。；,;]|承担|$)/,
    /(?:^|[，,；;。])([^，,；;。]{2,30}?)为牵头单位/,
    /(?:^|[，,；;。])([^，,；;。]{2,30}?)要?(?:做好|负责|牵头)?(?:做好)?统筹协调/,
    /由([^，,；;。]{2,30}?)(?:负责)?统筹协调/,
  ];
  // A stated lead rule (`各项任务第一个单位为牵头单位`) names no office.
  const texts = paragraphs.map((p) => withoutConventions(p, findLeadConventions(p)));
  for (const re of patterns) {
    for (const p of texts) {
      // Every match: the first may be a heading (`加强统筹协调。X要做好统筹协调`).
      for (const m of p.matchAll(new RegExp(re.source, 'g'))) {
        const name = removeSpaces(m[1]).replace(/^(由|以|请|并)/, '');
        if (isUnitLike(name)) return name;
      }
    }
  }
  return null;
}

export function parseSupervision(
  roots: OutlineNode[],
  allParagraphs: string[],
): SupervisionProfile {
  const scopeParagraphs: string[] = [];
  const collect = (n: OutlineNode) => {
    scopeParagraphs.push(...n.paragraphs);
    n.children.forEach(collect);
  };
  safeguardScopes(roots).forEach(collect);
  const clauses = supervisionClauses(roots);
  return {
    leadingBody: findLeadingBody(scopeParagraphs) ?? findLeadingBody(allParagraphs),
    office: findOffice(scopeParagraphs) ?? findOffice(allParagraphs),
    cadence: cadenceOf(clauses.map((c) => c.text)),
    clauses,
  };
}
