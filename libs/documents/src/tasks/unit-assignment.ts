import { findClauses, RawClause } from '../clauses/clause.parser';
import { findLeadConventions, LeadConvention } from '../clauses/lead-convention.parser';
import type { UnitsSource } from '../document.types';
import type { OutlineNode } from '../outline/outline.parser';
import {
  mergeRoles,
  resolveShortForms,
  UnitPrefixExpander,
  usualPrefix,
} from '../units/unit-list.parser';

export interface NodeUnits {
  leadUnits: string[];
  supportingUnits: string[];
  unitsSource: UnitsSource;
}

/** Where a unit of an item was read: the clause's text and the line it stands on. */
export interface UnitProvenance {
  unit: string;
  role: 'lead' | 'support';
  line: number;
  clause: string;
}

export interface UnitAssignment {
  units: Map<OutlineNode, NodeUnits>;
  /** For each item with its own clauses, where each of its units was read. */
  provenance: Map<OutlineNode, UnitProvenance[]>;
  /** Items whose lead was taken as the first listed unit, with no role word and no stated rule. */
  assumedLead: Set<OutlineNode>;
  /** Each node's paragraphs with its responsibility clauses cut out (for headings' and targets' sake). */
  textWithoutClauses: Map<OutlineNode, string>;
  /** Number of responsibility clauses found in the whole document. */
  clauseCount: number;
}

interface Located {
  node: OutlineNode;
  clause: RawClause;
  line: number;
  text: string;
}

function outsideClauses(paragraph: string, clauses: RawClause[]): string {
  let out = paragraph;
  for (const c of [...clauses].sort((a, b) => b.start - a.start))
    out = out.slice(0, c.start) + out.slice(c.end);
  return out;
}

/** A convention stated outside any clause (in the preamble or a note) holds for the whole document. */
function globalConvention(
  nodes: OutlineNode[],
  notes: string[],
  located: Map<string, RawClause[]>,
): LeadConvention | null {
  const texts = [...notes];
  for (const node of nodes) {
    node.paragraphs.forEach((p, i) =>
      texts.push(outsideClauses(p, located.get(`${node.line}:${i}`) ?? [])),
    );
  }
  for (const text of texts) {
    const found = findLeadConventions(text);
    if (found.length > 0) return found[0];
  }
  return null;
}

/**
 * `1.完善应急预案体系` / `（1）…` … `（4）…` / `（责任单位：…）`: a clause on a line of its own after the
 * last of several sub-items, none of which has a clause, closes their parent: it is the parent's
 * clause (the sub-items inherit it), not the last sub-item's alone.
 */
function hoistClosingClauses(roots: OutlineNode[], located: Located[]): void {
  const parents = new Map<OutlineNode, OutlineNode>();
  const link = (list: OutlineNode[]) => {
    for (const n of list) {
      for (const c of n.children) parents.set(c, n);
      link(n.children);
    }
  };
  link(roots);
  const withClause = new Set(located.map((l) => l.node));
  for (const entry of located) {
    const { node, clause, text } = entry;
    const parent = parents.get(node);
    if (
      !parent ||
      parent.children.length < 2 ||
      parent.children[parent.children.length - 1] !== node
    )
      continue;
    const index = node.paragraphs.findIndex((p) => p.trim() === text);
    if (index < 1 || index !== node.paragraphs.length - 1 || clause.start !== 0) continue;
    if (parent.children.some((c) => c !== node && withClause.has(c))) continue;
    if (located.some((l) => l.node === node && l !== entry)) continue;
    entry.node = parent;
  }
}

/**
 * Reads every responsibility clause in document order and gives each node its units:
 * - labelled roles as stated; `责任单位`, a bare list or `A、B负责`: the first N lead (N = 1 unless a
 *   convention says otherwise; `下同` keeps a convention for later clauses), or all support beside
 *   an explicit 牵头单位;
 * - abbreviations after a shared prefix expanded per clause, short forms of longer names resolved;
 * - several clauses in one item are merged; a unit that leads anywhere is not also a supporter;
 * - an item without a clause inherits its nearest ancestor's units (`inherited`), else `none`.
 */
export function assignUnits(
  roots: OutlineNode[],
  nodes: OutlineNode[],
  notes: string[],
  ownPlaces: readonly string[] = [],
): UnitAssignment {
  const byParagraph = new Map<string, RawClause[]>();
  const located: Located[] = [];
  for (const node of nodes) {
    node.paragraphs.forEach((p, i) => {
      const clauses = findClauses(p);
      byParagraph.set(`${node.line}:${i}`, clauses);
      const trimmed = p.trim();
      for (const clause of clauses)
        located.push({
          node,
          clause,
          line: node.line + i,
          text: trimmed.slice(clause.start, clause.end),
        });
    });
  }
  hoistClosingClauses(roots, located);
  const fallback = globalConvention(nodes, notes, byParagraph);
  const expander = new UnitPrefixExpander(
    usualPrefix(located.flatMap((l) => l.clause.segments.map((s) => s.names))),
    ownPlaces,
  );
  let active: LeadConvention | null = null;
  // A standing rule (`具体任务均涉及各市人民政府，不再做分工，下同`) adds its units to every later clause.
  let standing: string[] = [];
  const own = new Map<OutlineNode, { lead: string[]; support: string[] }>();
  const sources = new Map<
    OutlineNode,
    { unit: string; role: 'lead' | 'support'; line: number; clause: string }[]
  >();
  const assumedLead = new Set<OutlineNode>();
  const labelledLead = new Set<OutlineNode>();

  for (const { node, clause, line, text } of located) {
    const noted = sources.get(node) ?? [];
    sources.set(node, noted);
    const note = (names: string[], role: 'lead' | 'support') => {
      for (const unit of names) noted.push({ unit, role, line, clause: text });
    };
    expander.startClause();
    if (clause.convention?.persists) active = clause.convention;
    const leadCount = clause.convention?.leadCount ?? active?.leadCount ?? fallback?.leadCount ?? 1;
    // A 牵头单位 line makes the item's later 责任单位 lines supporters too (`牵头单位：A` / `责任单位：B、C`).
    const explicitLead =
      clause.segments.some((s) => s.role === 'lead') ||
      (clause.form === 'labelled' && labelledLead.has(node));
    if (clause.form === 'labelled' && clause.segments.some((s) => s.role === 'lead'))
      labelledLead.add(node);
    const entry = own.get(node) ?? { lead: [], support: [] };
    for (const segment of clause.segments) {
      const names = expander.expand(segment.names);
      // Beside an explicit 牵头单位, the other listed units (责任单位) support.
      if (segment.role === 'lead') {
        entry.lead.push(...names);
        note(names, 'lead');
      } else if (segment.role === 'support' || explicitLead) {
        entry.support.push(...names);
        note(names, 'support');
      } else {
        entry.lead.push(...names.slice(0, leadCount));
        entry.support.push(...names.slice(leadCount));
        note(names.slice(0, leadCount), 'lead');
        note(names.slice(leadCount), 'support');
        const stated = clause.convention ?? active ?? fallback;
        if (!stated && names.length > 1) assumedLead.add(node);
      }
    }
    if (clause.standing) standing = clause.standing;
    entry.support.push(...standing);
    note(standing, 'support');
    own.set(node, entry);
  }

  const shortForms = resolveShortForms([...own.values()].flatMap((e) => [...e.lead, ...e.support]));
  const full = (n: string) => shortForms.get(n) ?? n;
  const units = new Map<OutlineNode, NodeUnits>();
  const walk = (list: OutlineNode[], inherited: NodeUnits | null) => {
    for (const node of list) {
      const mine = own.get(node);
      let result: NodeUnits;
      if (mine && mine.lead.length + mine.support.length > 0) {
        const merged = mergeRoles(mine.lead.map(full), mine.support.map(full));
        result = { leadUnits: merged.lead, supportingUnits: merged.support, unitsSource: 'own' };
      } else if (inherited && inherited.unitsSource !== 'none') {
        result = { ...inherited, unitsSource: 'inherited' };
      } else {
        result = { leadUnits: [], supportingUnits: [], unitsSource: 'none' };
      }
      units.set(node, result);
      walk(node.children, result);
    }
  };
  walk(roots, null);

  const textWithoutClauses = new Map<OutlineNode, string>();
  for (const node of nodes) {
    const parts = node.paragraphs.map((p, i) =>
      outsideClauses(p, byParagraph.get(`${node.line}:${i}`) ?? []),
    );
    textWithoutClauses.set(node, parts.join('\n'));
  }
  // Provenance under the names the item ends with (short forms resolved, a lead never a supporter).
  const provenance = new Map<OutlineNode, UnitProvenance[]>();
  for (const [node, list] of sources) {
    const result = units.get(node);
    if (!result || result.unitsSource !== 'own') continue;
    const leads = new Set(result.leadUnits);
    provenance.set(
      node,
      list
        .map((p) => ({ ...p, unit: full(p.unit) }))
        .map((p) => ({ ...p, role: leads.has(p.unit) ? ('lead' as const) : ('support' as const) }))
        .filter((p, i, all) => all.findIndex((q) => q.unit === p.unit && q.role === p.role) === i),
    );
  }
  return { units, provenance, assumedLead, textWithoutClauses, clauseCount: located.length };
}
