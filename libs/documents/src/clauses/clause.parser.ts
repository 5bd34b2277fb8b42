import {
  type BracketSpan,
  findBracketSpans,
  splitOutsideBrackets,
  trimText,
} from '../text/text.util';
import { isUnitLike } from '../units/unit-name.util';
import { splitUnitList } from '../units/unit-list.parser';
import { findLeadConventions, LeadConvention, withoutConventions } from './lead-convention.parser';

/** `responsible`: listed without a role (责任单位, a bare list, `A、B负责`): the first N lead. */
export type ClauseRole = 'lead' | 'support' | 'responsible';

export interface ClauseSegment {
  role: ClauseRole;
  /** Raw names, cleaned but not yet prefix-expanded. */
  names: string[];
}

export interface RawClause {
  /** Units a standing rule adds to every task from here on (`具体任务均涉及各市人民政府，不再做分工，下同`). */
  standing?: string[];
  /** Where the clause sits in its paragraph (the whole parenthetical), to keep it out of headings and targets. */
  start: number;
  end: number;
  form: 'labelled' | 'verb' | 'bare';
  segments: ClauseSegment[];
  /** A lead convention stated inside the clause. */
  convention: LeadConvention | null;
}

// Role labels, longest first (`牵头责任单位` before `责任单位`).
const LABEL_WORDS =
  '牵头责任单位|牵头责任部门|协同责任单位|协同责任部门|配合责任单位|主要责任单位|主要责任部门|其他责任单位|其他责任部门|责任主体|牵头单位|牵头部门|主办单位|主责单位|责任单位|责任部门|配合单位|配合部门|参与单位|参与部门|协办单位|协助单位|协同单位';
const LABEL = new RegExp(`(${LABEL_WORDS})[\\s\\u3000]*[：:]`, 'g');
const AGENCY_ENDING = /(厅|委|局|办|部|署|政府|单位|部门|委员会|办公室|办事处)$/;
const FOREIGN_LABEL = /[\u4e00-\u9fa5]{2,6}[：:]/;
// A line of its own that starts with a label: `责任单位：…`, or `配合单位：…` under a `牵头单位：` line.
const LINE_CLAUSE = new RegExp(`^(${LABEL_WORDS})[\\s\\u3000]*[：:]`);
/** A line that states the division of work as a whole (`部门分工：A牵头，B配合`). */
const DIVISION_LABEL = /^(?:部门分工|责任分工|任务分工|职责分工|分工)[\s\u3000]*[：:][\s\u3000]*/;
/** Brackets a clause is written in: （）, (), 〔〕, [], ［］, 【】. */
const CLAUSE_BRACKETS = ['（', '(', '〔', '[', '［', '【'];
// `牵头实施`, `牵头推进`, `牵头抓总`: a lead verb with what the lead does.
const VERB =
  /(牵头负责|牵头组织实施|牵头实施|牵头推进|牵头抓总|牵头落实|牵头|主责|按照?职责分工负责|分工负责|共同负责|分别负责|负责配合落实|负责配合|配合落实|参与落实|协助落实|负责落实|负责实施|负责|配合|参与|协助|协同|具体实施|组织实施|抓好落实|具体落实|落实)/g;

function roleOfLabel(label: string): ClauseRole {
  if (/^(牵头|主办|主责|主要责任)/.test(label)) return 'lead';
  if (/^(配合|参与|协办|协助|协同|其他责任)/.test(label)) return 'support';
  return 'responsible';
}

/** `牵头单位：A、B；配合单位：C` / `责任单位：A、B；排在第一位的为牵头单位，下同`. */
function parseLabelled(
  content: string,
): Pick<RawClause, 'segments' | 'convention' | 'standing'> | null {
  const conventions = findLeadConventions(content);
  // A full stop inside the clause ends the lists; what follows may state a standing rule.
  const sentences = splitOutsideBrackets(withoutConventions(content, conventions), '。');
  // `牵头单位：A。配合单位：B`: a sentence that starts with a label still belongs to the lists.
  let cut = 1;
  while (
    cut < sentences.length &&
    new RegExp(`^[\\s\\u3000]*(${LABEL_WORDS})[\\s\\u3000]*[：:]`).test(sentences[cut])
  )
    cut++;
  const text = sentences.slice(0, cut).join('；');
  const standing = standingUnits(sentences.slice(cut).join('。'));
  const labels = [...text.matchAll(LABEL)];
  if (labels.length === 0) return null;
  const segments: ClauseSegment[] = labels.map((m, i) => {
    const from = (m.index ?? 0) + m[0].length;
    const to = i + 1 < labels.length ? (labels[i + 1].index ?? text.length) : text.length;
    // Another label (`完成时限：…`) ends the list.
    const list = withoutTimeLimits(text.slice(from, to).split(FOREIGN_LABEL)[0]);
    return { role: roleOfLabel(m[1]), names: splitUnitList(list) };
  });
  return {
    segments: segments.filter((s) => s.names.length > 0),
    convention: conventions[0] ?? null,
    ...(standing ? { standing } : {}),
  };
}

// `具体任务均涉及相关市（州）人民政府，不再做分工，下同` / `以下均需各县（市、区）人民政府落实，不再列出`.
const STANDING_RULE =
  /(?:均涉及|均需|均由|均要求|均有)(.+?)(?:[，,](?:不再|下同)|落实|参与|配合|负责|不再)/;
const STANDING_MARK = /(不再(?:做|进行)?分工|不再(?:单独|一一|重复|逐一)?列出|下同)/;

/** The units a standing rule names, else null. */
export function standingUnits(text: string): string[] | null {
  if (!STANDING_MARK.test(text)) return null;
  const m = text.match(STANDING_RULE);
  if (!m) return null;
  const names = splitUnitList(m[1]);
  return names.length > 0 && names.every((n) => isUnitLike(n)) ? names : null;
}

// A time limit written inside a clause (`…配合，2021年底前完成`, `…负责，长期坚持`).
const TIME_PIECE = /(\d{4}\s*年|年底|年内|月底|之日起|完成|长期坚持|长期推进|持续推进|持续开展)/;

/** The clause without its time-limit pieces (the deadline parser reads those from the item's text). */
function withoutTimeLimits(content: string): string {
  const pieces = content.split(/(?<=[，,；;])/);
  return pieces
    .filter((p) => !TIME_PIECE.test(p))
    .join('')
    .replace(/[，,；;]$/, '');
}

/** `A会同B负责`: A leads, B supports. */
function parseTogetherWith(text: string): Pick<RawClause, 'segments' | 'convention'> | null {
  const m = text.match(/^(?:由)?(.+?)会同(.+?)(?:共同)?(?:负责|牵头|落实|推进|实施)?$/);
  if (!m) return null;
  const [lead, support] = [splitUnitList(m[1]), splitUnitList(m[2])];
  if (
    lead.length === 0 ||
    support.length === 0 ||
    ![...lead, ...support].every((n) => isUnitLike(n))
  )
    return null;
  return {
    segments: [
      { role: 'lead', names: lead },
      { role: 'support', names: support },
    ],
    convention: null,
  };
}

/** `A牵头，B、C配合` / `A、B负责` / `由A牵头，各有关部门按职责分工负责` / `A会同B负责`. */
function parseVerbForm(
  content: string,
): Pick<RawClause, 'segments' | 'convention' | 'standing'> | null {
  // `A、B负责，排在第一位的为牵头单位`: the rule is read apart, so its own 牵头 is no role marker.
  const conventions = findLeadConventions(content);
  const text = withoutConventions(content, conventions);
  // `A牵头，B参与，C负责落实。以下各项工作均需C落实，不再列出。`: a full stop ends the lists, and
  // what follows may be a standing rule for the later clauses.
  const sentences = splitOutsideBrackets(text, '。').filter((x) => trimText(x) !== '');
  const standing = sentences.length > 1 ? standingUnits(sentences.slice(1).join('。')) : null;
  const parsed = parseVerbText(
    trimText(withoutTimeLimits(standing ? sentences[0] : text)).replace(/[，,；;。.]+$/, ''),
  );
  if (!parsed) return null;
  return { ...parsed, convention: conventions[0] ?? null, ...(standing ? { standing } : {}) };
}

function parseVerbText(text: string): Pick<RawClause, 'segments' | 'convention'> | null {
  if (text.includes('会同')) return parseTogetherWith(text);
  const verbs = [...text.matchAll(VERB)];
  if (verbs.length === 0) return null;
  const segments: ClauseSegment[] = [];
  let from = 0;
  let hasLead = false;
  for (const v of verbs) {
    const at = v.index ?? 0;
    // `由A负责`, `此项工作由A负责`: the subject before 由 names the work, not a unit.
    const raw = text
      .slice(from, at)
      .replace(
        /^[，,；;、\s\u3000]*(?:(?:此项|该项|本项|上述|以上|具体|相关)?(?:工作|任务|事项|措施)由|由)?/,
        '',
      );
    from = at + v[0].length;
    const names = splitUnitList(raw);
    if (names.length === 0) {
      // Text that yields no name before a verb (`负责…的工作`): the verb is no role marker.
      if (raw.trim()) return null;
      continue;
    }
    if (!names.every((n) => isUnitLike(n))) return null;
    const verb = v[1];
    let role: ClauseRole;
    if (/^(牵头|主责)/.test(verb)) role = 'lead';
    else if (
      /^(配合|参与|协助|协同)$|^(负责配合落实|负责配合|配合落实|参与落实|协助落实)$/.test(verb)
    )
      role = 'support';
    else role = hasLead ? 'support' : 'responsible';
    if (role === 'lead') hasLead = true;
    segments.push({ role, names });
  }
  if (trimText(text.slice(from)).replace(/^[，,；;。]+/, '') !== '') return null;
  return segments.length > 0 ? { segments, convention: null } : null;
}

/** A parenthetical of unit names only (`省经济和信息化委，珠江西岸六市一区政府`). */
function parseBare(content: string): Pick<RawClause, 'segments' | 'convention'> | null {
  const names = splitUnitList(withoutTimeLimits(content));
  if (names.length === 0 || !names.every((n) => isUnitLike(n, true))) return null;
  // Enterprises named as examples (`龙头企业（A公司、B集团）`) are no assignment: one agency at least.
  if (!names.some((n) => AGENCY_ENDING.test(n))) return null;
  return { segments: [{ role: 'responsible', names }], convention: null };
}

/**
 * A parenthetical that only states who leads (`（排在第一位的部门为牵头部门，下同）`) names no unit;
 * stated on its own, the rule is meant for the rest of the document.
 */
function conventionOnly(content: string): LeadConvention | null {
  const conventions = findLeadConventions(content);
  if (conventions.length === 0) return null;
  const rest = withoutConventions(content, conventions).replace(/[\s\u3000，,；;。.、]/g, '');
  return rest === '' ? { ...conventions[0], persists: true } : null;
}

// `县发改局（牵头）、县财政局` / `县发改局〔牵头〕`: a role written after a name.
const MARKED_LEAD = /[（(〔[［【]牵头[）)〕\]］】]/g;

/**
 * Parses a clause whose names may carry a `（牵头）` mark: the marked names lead, the others of an
 * unlabelled list support.
 */
function withMarkedLeads<T extends Pick<RawClause, 'segments'>>(
  content: string,
  parse: (c: string) => T | null,
): T | null {
  if (!MARKED_LEAD.test(content)) return parse(content);
  MARKED_LEAD.lastIndex = 0;
  const marked = new Set<string>();
  for (const piece of splitOutsideBrackets(
    content.replace(/[（(〔[［【]牵头[）)〕\]］】]/g, '\u0000'),
    '、，,；;',
  )) {
    const name = piece.split('\u0000')[0].replace(/^.*[：:]/, '');
    if (piece.includes('\u0000')) for (const n of splitUnitList(name)) marked.add(n);
  }
  const parsed = parse(content.replace(MARKED_LEAD, ''));
  if (!parsed || marked.size === 0) return parsed;
  const lead: string[] = [];
  const segments: ClauseSegment[] = [];
  for (const seg of parsed.segments) {
    const rest = seg.names.filter((n) => {
      if (!marked.has(n)) return true;
      lead.push(n);
      return false;
    });
    if (rest.length > 0)
      segments.push({ role: seg.role === 'responsible' ? 'support' : seg.role, names: rest });
  }
  return { ...parsed, segments: [{ role: 'lead' as const, names: lead }, ...segments] };
}

/**
 * Whether `line` continues a labelled clause line broken by a hard line wrap (a PDF's fixed-width
 * lines): `协办单位：区委编办、园区党工` / `委、各街道党工委`. The clause line must end on a list
 * separator or on a fragment that is no unit name yet becomes one with the next line's first piece,
 * and the next line must not start a label of its own.
 */
export function continuesLabelledLine(previous: string, line: string): boolean {
  const prev = trimText(previous);
  const next = trimText(line);
  if (!LINE_CLAUSE.test(prev) || next === '' || /[。；;！!]$/.test(prev)) return false;
  if (FOREIGN_LABEL.test(next.slice(0, 8)) || /^[（(〔[［【]/.test(next)) return false;
  if (/[、，,]$/.test(prev)) return true;
  const tail = prev.split(/[：:、，,；;]/).pop() ?? '';
  const head = next.split(/[、，,；;。]/)[0];
  return tail.length > 0 && !isUnitLike(tail) && isUnitLike(tail + head);
}

/** True when a parenthetical's content is a responsibility clause (used to clean headings). */
export function isClauseContent(content: string, atParagraphEnd: boolean): boolean {
  return !!(
    conventionOnly(content) ??
    parseLabelled(content) ??
    parseVerbForm(content) ??
    (atParagraphEnd ? parseBare(content) : null)
  );
}

// A sentence of its own that only assigns (`由A牵头，B、C配合。`): it must name a lead or a responsible unit.
const SENTENCE_VERB = /(牵头|负责)/;

// What the sentence scan below needs to know of a character, indexed by UTF-16 code unit.
const [SENTENCE_OPEN, SENTENCE_CLOSE, SENTENCE_END] = [1, 2, 3];
const SENTENCE_SCAN = new Uint8Array(0x10000);
for (const [chars, kind] of [
  ['（(“《〔[', SENTENCE_OPEN],
  ['）)”》〕]', SENTENCE_CLOSE],
  ['。；;!！', SENTENCE_END],
] as const)
  for (const c of chars) SENTENCE_SCAN[c.charCodeAt(0)] = kind;

/** Sentences (ended by 。；) outside brackets that are verb-form clauses, with their spans. */
function sentenceClauses(text: string, taken: RawClause[]): RawClause[] {
  const out: RawClause[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i <= text.length; i++) {
    const kind = i < text.length ? SENTENCE_SCAN[text.charCodeAt(i)] : SENTENCE_END;
    if (kind === SENTENCE_OPEN) depth++;
    else if (kind === SENTENCE_CLOSE) depth = Math.max(0, depth - 1);
    if (depth > 0 || kind !== SENTENCE_END) continue;
    const start = from;
    from = i + 1;
    const sentence = text.slice(start, i);
    if (taken.some((t) => t.start < i && t.end > start)) continue;
    const together = togetherWithSubject(sentence);
    if (together) {
      out.push({
        start: start + together.start,
        end: start + together.end,
        form: 'verb',
        segments: together.segments,
        convention: null,
      });
      continue;
    }
    if (!SENTENCE_VERB.test(sentence)) continue;
    const parsed = parseVerbForm(sentence);
    if (!parsed || parsed.segments.length === 0) continue;
    if (parsed.segments.some((s) => s.role !== 'support'))
      out.push({ start, end: Math.min(text.length, i + 1), form: 'verb', ...parsed });
  }
  return out;
}

// `省发展改革委会同省财政厅做好…`: a sentence whose subject is `A会同B` assigns it (A leads, B supports).
// Also after a topic phrase: `关于“…”的问题，由发展改革委会同农业部等部门研究提出落实意见`.
const TOGETHER_SUBJECT =
  /^[\s\u3000]*(?:由|[^。；;]*?[，,][\s\u3000]*由)?([^，,。；;：:“”《》]{2,60}?)会同([^，,。；;：:“”《》]{2,80}?)(?=(?:共同|一起|联合)?(?:做好|开展|推进|制定|建立|健全|完善|组织|研究|落实|实施|加强|负责|牵头|出台|编制|建设|推动|指导|抓好|做实|谋划|统筹|[，,]))/;

function togetherWithSubject(
  sentence: string,
): { start: number; end: number; segments: ClauseSegment[] } | null {
  const m = sentence.match(TOGETHER_SUBJECT);
  if (!m) return null;
  const [lead, support] = [splitUnitList(m[1]), splitUnitList(m[2])];
  if (
    lead.length === 0 ||
    support.length === 0 ||
    ![...lead, ...support].every((n) => isUnitLike(n))
  )
    return null;
  // The clause starts at `由` after a topic phrase, else at the sentence's first character.
  const topic = m[0].search(/[，,][\s\u3000]*由/);
  const start = (m.index ?? 0) + (topic >= 0 ? topic + 1 : m[0].search(/\S/));
  return {
    start,
    end: (m.index ?? 0) + m[0].length,
    segments: [
      { role: 'lead', names: lead },
      { role: 'support', names: support },
    ],
  };
}

/**
 * Finds the responsibility clauses of one paragraph: labelled or verb-form parentheticals anywhere,
 * a bare list of units only when its parenthetical ends the paragraph, or a whole line that starts
 * with a label (`责任单位：…`).
 */
export function findClauses(paragraph: string): RawClause[] {
  const text = trimText(paragraph);
  // `部门分工：省发展改革委牵头，各地、各部门配合。`: a line labelled as the division of work.
  const division = text.match(DIVISION_LABEL);
  if (division) {
    const content = text.slice(division[0].length).replace(/[。.]$/, '');
    const parsed = parseLabelled(content) ?? parseVerbForm(content);
    return parsed ? [{ start: 0, end: text.length, form: 'labelled', ...parsed }] : [];
  }
  if (LINE_CLAUSE.test(text)) {
    const parsed = withMarkedLeads(text.replace(/[。.]$/, ''), parseLabelled);
    return parsed ? [{ start: 0, end: text.length, form: 'labelled', ...parsed }] : [];
  }
  // `…6.2%左右。牵头单位：区发改局；责任单位：各街道`: the labelled lines run into the item's paragraph.
  let textSpans: BracketSpan[] | null = null;
  const spansOfText = () => (textSpans ??= findBracketSpans(text, CLAUSE_BRACKETS));
  const tail = labelledTail(text, spansOfText);
  const body = tail ? text.slice(0, tail.start) : text;
  const clauses: RawClause[] = tail ? [tail] : [];
  for (const span of tail ? findBracketSpans(body, CLAUSE_BRACKETS) : spansOfText()) {
    const atEnd = /^[\s\u3000。.；;！!]*$/.test(body.slice(span.end));
    const stated = conventionOnly(span.inner);
    if (stated) {
      clauses.push({
        start: span.start,
        end: span.end,
        form: 'labelled',
        segments: [],
        convention: stated,
      });
      continue;
    }
    const labelled = withMarkedLeads(span.inner, parseLabelled);
    if (labelled) {
      clauses.push({ start: span.start, end: span.end, form: 'labelled', ...labelled });
      continue;
    }
    const verb = withMarkedLeads(span.inner, parseVerbForm);
    if (verb) {
      clauses.push({ start: span.start, end: span.end, form: 'verb', ...verb });
      continue;
    }
    const bare = atEnd ? withMarkedLeads(span.inner, parseBare) : null;
    if (bare) clauses.push({ start: span.start, end: span.end, form: 'bare', ...bare });
  }
  return [...clauses, ...sentenceClauses(body, clauses)].sort((a, b) => a.start - b.start);
}

const SENTENCE_THEN_LABEL = new RegExp(
  `[。；;！!][\\s\\u3000]*(?=(?:${LABEL_WORDS})[\\s\\u3000]*[：:])`,
  'g',
);

/**
 * A labelled clause that follows the item's sentences on the same line, outside any bracket, and
 * runs to the paragraph's end; it must name at least one unit.
 */
function labelledTail(text: string, spansOf: () => BracketSpan[]): RawClause | null {
  for (const m of text.matchAll(SENTENCE_THEN_LABEL)) {
    const start = (m.index ?? 0) + m[0].length;
    if (spansOf().some((s) => s.start < start && start < s.end)) continue;
    const parsed = withMarkedLeads(text.slice(start).replace(/[。.]$/, ''), parseLabelled);
    if (!parsed || !parsed.segments.some((seg) => seg.names.some((n) => isUnitLike(n))))
      return null;
    return { start, end: text.length, form: 'labelled', ...parsed };
  }
  return null;
}
