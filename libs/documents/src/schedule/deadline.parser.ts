import {
  addToIsoDate,
  chineseNumeralValue,
  isoDate,
  monthEnd,
  toHalfWidthDigits,
} from '../text/text.util';

export interface DeadlineContext {
  /** Year that `年内` / `当年` refer to. */
  planYear: number | null;
  /** Start of `印发之日起30日内`. */
  issuedOn: string | null;
}

export type TimePhraseKind = 'date' | 'relative' | 'ongoing' | 'year';

export interface TimePhrase {
  index: number;
  /** As written. */
  text: string;
  /** date: an absolute limit; relative: 年内 or N日内; ongoing: 长期坚持; year: a bare `2020年，` (targets only). */
  kind: TimePhraseKind;
  date: string | null;
}

export interface Deadline {
  deadlineText: string | null;
  deadline: string | null;
}

type Resolver = (
  m: RegExpMatchArray,
  ctx: DeadlineContext,
) => { kind: TimePhraseKind; date: string | null } | null;

const QUARTER_END = ['03-31', '06-30', '09-30', '12-31'];
const CN_COUNT = '\\d{1,3}|[一二两三四五六七八九十半]{1,3}';

function countOf(s: string): number | null {
  if (s === '半') return 0.5;
  return /^\d+$/.test(s) ? Number(s) : chineseNumeralValue(s);
}

function planYearEnd(ctx: DeadlineContext, offset = 0): string | null {
  return ctx.planYear ? isoDate(ctx.planYear + offset, 12, 31) : null;
}

function afterIssue(ctx: DeadlineContext, n: number | null, unit: string): string | null {
  if (!ctx.issuedOn || n === null || /工作日/.test(unit)) return null;
  if (/年/.test(unit))
    return n === 0.5
      ? addToIsoDate(ctx.issuedOn, 6, 'month')
      : addToIsoDate(ctx.issuedOn, n, 'year');
  if (/月/.test(unit)) return addToIsoDate(ctx.issuedOn, n, 'month');
  if (/周/.test(unit)) return addToIsoDate(ctx.issuedOn, n * 7, 'day');
  return addToIsoDate(ctx.issuedOn, n, 'day');
}

// `毕业3年内的高校毕业生`, `给予3年内补贴`, `3年内享受…`: a period that says who is eligible or how
// long a benefit lasts, not when the work is due.
const ELIGIBILITY_BEFORE =
  /(毕业|离校|退役|退休|就业|创业|入职|落户|注册|成立|设立|创办|认定|引进|入选|获评|给予|享受|补贴|奖励|免征|减免|服务期|聘期|任期|连续)[^，,。；;]{0,4}$/;
const ELIGIBILITY_AFTER = /^(?:的|给予|享受|补贴|奖励|免征|减半|减免|按|每年|逐年|分期)/;

function isEligibilityPeriod(text: string, index: number, length: number): boolean {
  return (
    ELIGIBILITY_BEFORE.test(text.slice(Math.max(0, index - 12), index)) ||
    ELIGIBILITY_AFTER.test(text.slice(index + length))
  );
}

// `实施期限至2021年12月31日`, `政策实施至…`, `有效期至…`, `2021年5月1日至2022年4月30日实施…政策`: how long
// a policy or a reduced rate applies, not when the work is due; nor is `截至…` (as of).
const VALIDITY_BEFORE = /(?:期限|有效期|实施|执行|施行|延长|延续|适用)(?:期)?$/;
const DAY_SPAN_START = /\d{4}年\d{1,2}月\d{1,2}日$/;
const APPLIES_AFTER =
  /^(?:\d{1,2}月)?(?:\d{1,2}日)?(?:实施|执行|施行|适用)[^，,。；;]*(?:政策|标准|费率|办法|措施)/;

function isValidityPeriod(text: string, index: number, length: number): boolean {
  const before = text.slice(Math.max(0, index - 16), index);
  // `截至2022年底，全市已建成…`: the date a figure stands at.
  if (/截至$/.test(before)) return true;
  if (!/^[至到]/.test(text.slice(index))) return false;
  return (
    VALIDITY_BEFORE.test(before) ||
    (DAY_SPAN_START.test(before) && APPLIES_AFTER.test(text.slice(index + length)))
  );
}

/** Inside a cited title (`《…》` opened before `index` and not closed). */
function inCitation(text: string, index: number): boolean {
  const before = text.slice(0, index);
  return before.lastIndexOf('《') > before.lastIndexOf('》');
}

// Words that make a period a limit (`上半年完成`, `年底建成`).
const DONE_WORD =
  '(?:全面|基本|全部|力争|确保)?(?:完成|完工|建成|竣工|实现|投用|投产|上线|出台|印发|开工|启动|制定|落地|运行)';

// Ordered: when two patterns start at the same place the longer match wins anyway.
const PATTERNS: [RegExp, Resolver][] = [
  [
    /(?:到|(?<!截)至|(?<![高低大小多少早优等])于)?(\d{4})年(\d{1,2})月(\d{1,2})日(前|之前|以前)?/g,
    (m) =>
      /^(到|至|于)/.test(m[0]) || m[4]
        ? { kind: 'date', date: isoDate(+m[1], +m[2], +m[3]) }
        : null,
  ],
  [
    /(?:到|(?<!截)至|(?<![高低大小多少早优等])于)?(\d{4})年(\d{1,2})月(底|末|上旬|中旬|下旬)?(前|之前|以前)?/g,
    (m) => {
      const [year, month] = [+m[1], +m[2]];
      if (month < 1 || month > 12) return null;
      if (m[3] === '上旬') return { kind: 'date', date: isoDate(year, month, 10) };
      if (m[3] === '中旬') return { kind: 'date', date: isoDate(year, month, 20) };
      if (m[3]) return { kind: 'date', date: monthEnd(year, month) };
      if (m[4]) return { kind: 'date', date: addToIsoDate(isoDate(year, month, 1), -1, 'day') };
      return /^(到|至)/.test(m[0]) ? { kind: 'date', date: monthEnd(year, month) } : null;
    },
  ],
  // `2023—2025年`, `2023年至2025年`, `2023-2025年底前`: a span of years ends with its last year (not a
  // title's span inside 《》: `《…规划（2021—2025年）》` is a citation).
  [
    /(?<!\d)(\d{4})年?\s*(?:[—–―\-－~～]+|至|到)\s*(\d{4})年(?:底|末)?(?:前|之前|以前)?/g,
    (m) =>
      +m[2] > +m[1] && !inCitation(m.input ?? '', m.index ?? 0)
        ? { kind: 'date', date: isoDate(+m[2], 12, 31) }
        : null,
  ],
  // `今年6月底前`, `今年9月30日前`: a month of the plan year (longer than `今年` alone, so it wins).
  [
    /今年(\d{1,2})月(?:(底|末)|(\d{1,2})日)(前|之前|以前)?/g,
    (m, ctx) => {
      const month = +m[1];
      if (!ctx.planYear || month < 1 || month > 12) return null;
      if (m[2]) return { kind: 'date', date: monthEnd(ctx.planYear, month) };
      return m[4] ? { kind: 'date', date: isoDate(ctx.planYear, month, +m[3]) } : null;
    },
  ],
  // `上半年完成招标`, `三季度末前完成`, `一季度开工`: a half or quarter of the plan year, as a limit (a
  // completion word follows, or 前/内), not a figure's period (`上半年增长5%`).
  [
    new RegExp(
      `(?<![\\d年每个度])(?:今年)?(?:([上下])半年|第?([一二三四])季度)(?:末|底)?(?:(前|之前|以前|内)|(?=${DONE_WORD}))`,
      'g',
    ),
    (m, ctx) => {
      if (!ctx.planYear) return null;
      if (m[1])
        return {
          kind: 'date',
          date: isoDate(ctx.planYear, m[1] === '上' ? 6 : 12, m[1] === '上' ? 30 : 31),
        };
      return { kind: 'date', date: `${ctx.planYear}-${QUARTER_END[(countOf(m[2]) ?? 4) - 1]}` };
    },
  ],
  // `6月30日前` with no year: that day of the plan year.
  [
    /(?<![\d年个])(\d{1,2})月(\d{1,2})日(前|之前|以前)/g,
    (m, ctx) => {
      const [month, day] = [+m[1], +m[2]];
      return ctx.planYear && month >= 1 && month <= 12 && day >= 1 && day <= 31
        ? { kind: 'date', date: isoDate(ctx.planYear, month, day) }
        : null;
    },
  ],
  // `5月底前` with no year: the plan year's month.
  [
    /(?<![\d年个])(\d{1,2})月(底|末)(前|之前|以前)?/g,
    (m, ctx) => {
      const month = +m[1];
      return ctx.planYear && month >= 1 && month <= 12
        ? { kind: 'date', date: monthEnd(ctx.planYear, month) }
        : null;
    },
  ],
  [
    /(\d{4})年(上|下)半年(?:前|之前|以前|内)?/g,
    (m) => ({
      kind: 'date',
      date: isoDate(+m[1], m[2] === '上' ? 6 : 12, m[2] === '上' ? 30 : 31),
    }),
  ],
  [
    /(\d{4})年(?:第)?([一二三四1-4])季度(?:末|底)?(?:前|之前|以前|内)?/g,
    (m) => {
      const q = countOf(m[2]) ?? 4;
      return { kind: 'date', date: `${m[1]}-${QUARTER_END[q - 1]}` };
    },
  ],
  [
    /(?:到|(?<!截)至|(?<![高低大小多少早优等])于)?(\d{4})年(底|末)?(前|之前|以前|内)?/g,
    (m) =>
      /^(到|至|于)/.test(m[0]) || m[2] || m[3]
        ? { kind: 'date', date: isoDate(+m[1], 12, 31) }
        : null,
  ],
  [
    new RegExp(
      `(?:印发|发布|出台|实施|施行)(?:之日起|后)(${CN_COUNT})(?:个)?(工作日|日|天|周|个月|月|年)(?:内|之内)`,
      'g',
    ),
    (m, ctx) => ({ kind: 'relative', date: afterIssue(ctx, countOf(m[1]), m[2]) }),
  ],
  [
    new RegExp(`(?<![\\d年])(${CN_COUNT})(?:个)?(工作日|天|周|个月|年)(?:内|之内)`, 'g'),
    (m, ctx) => {
      if (isEligibilityPeriod(m.input ?? '', m.index ?? 0, m[0].length)) return null;
      const n = countOf(m[1]);
      if (n === null || (m[2] === '年' && n > 10)) return null;
      return { kind: 'relative', date: afterIssue(ctx, n, m[2]) };
    },
  ],
  [
    new RegExp(
      `(?<![\\d个半每一二三四五六七八九十两])(年内|年底前|年底(?=${DONE_WORD})|当年|今年(?:内|底前|底)?)`,
      'g',
    ),
    (_m, ctx) => ({ kind: 'relative', date: planYearEnd(ctx) }),
  ],
  [/明年(?:底前|底|内)?/g, (_m, ctx) => ({ kind: 'relative', date: planYearEnd(ctx, 1) })],
  // `“十四五”期间` / `十四五时期` / `“十四五”末`: the plan period's last day.
  [
    /[“"]?十([二三四五六])五[”"]?(?:期间|时期|末|末期|内)/g,
    (m) => {
      const end = { 二: 2015, 三: 2020, 四: 2025, 五: 2030, 六: 2035 }[
        m[1] as '二' | '三' | '四' | '五' | '六'
      ];
      return end ? { kind: 'date', date: isoDate(end, 12, 31) } : null;
    },
  ],
  [/长期坚持|长期推进|长期开展|持续推进/g, () => ({ kind: 'ongoing', date: null })],
  // `2022年完成改造80个`: a bare year right before a completion verb, not before the plan year.
  [
    /(?<![\d到至比较从自于以和与、—\-~～])(\d{4})年(?=(?:内)?(?:完成|建成|实现|开工|启动|出台|投产|建立|全面完成|基本完成|基本建成))/g,
    (m, ctx) =>
      ctx.planYear === null || +m[1] >= ctx.planYear
        ? { kind: 'date', date: isoDate(+m[1], 12, 31) }
        : null,
  ],
];

// `完成时限：2022年12月底前` / `（时间节点：每年）`: a labelled time limit is the item's, wherever it sits.
const LABELLED_LIMIT =
  /(?:完成时限|完成时间|时间节点|时限要求|办结时限|时间要求|时限)[\s\u3000]*[：:][\s\u3000]*([^；;。，,）)\n\s\u3000]+)/;

const WHOLE_YEAR_LIMIT = /^(?:全年|本年度?|年度内)$/;

// A clause-initial bare year (`，2020年沿海口岸…`) dates the figures that follow it.
const CLAUSE_YEAR = /(?<=^|[，,；;。：:])(\d{4})年(?![底末前内度以来起])/g;

/** Every time phrase in the text, in order, without overlaps (the longest at a position wins). */
export function findTimePhrases(
  text: string,
  ctx: DeadlineContext,
  withBareYears = false,
): TimePhrase[] {
  const ascii = toHalfWidthDigits(text);
  const found: TimePhrase[] = [];
  for (const [pattern, resolve] of PATTERNS) {
    for (const m of ascii.matchAll(pattern)) {
      if (isValidityPeriod(ascii, m.index ?? 0, m[0].length)) continue;
      const r = resolve(m, ctx);
      if (r)
        found.push({
          index: m.index ?? 0,
          text: text.slice(m.index, (m.index ?? 0) + m[0].length),
          ...r,
        });
    }
  }
  if (withBareYears) {
    for (const m of ascii.matchAll(CLAUSE_YEAR)) {
      found.push({ index: m.index ?? 0, text: m[0], kind: 'year', date: isoDate(+m[1], 12, 31) });
    }
  }
  found.sort((a, b) => a.index - b.index || b.text.length - a.text.length);
  const kept: TimePhrase[] = [];
  for (const p of found) {
    const last = kept[kept.length - 1];
    if (!last || p.index >= last.index + last.text.length) kept.push(p);
  }
  return kept;
}

/**
 * A labelled limit as a dated phrase: a bare date is its end (`2025年`, `2024年6月`, `2023年12月31日` →
 * `到…`), and a month, day, quarter or half without its year (`6月30日`, `12月底`, `三季度`, `上半年`) or a
 * bare `年底` is in the plan year.
 */
function limitQuery(limit: string, ctx: DeadlineContext): string {
  let q = toHalfWidthDigits(limit);
  if (/^(?:年底|年末)$/.test(q)) return '年底前';
  if (ctx.planYear && /^(?:(?:第)?[一二三四1-4]季度|[上下]半年|\d{1,2}月)/.test(q))
    q = `${ctx.planYear}年${q}`;
  if (/^\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?$/.test(q)) q = `到${q}`;
  return q === toHalfWidthDigits(limit) ? limit : q;
}

/**
 * The item's time limit: the first dated or relative phrase (`到2019年`, `2021年6月底前`, `年内`,
 * `印发之日起30日内`), else the first ongoing phrase (`长期坚持`, `持续推进`: text kept, date null).
 */
export function parseDeadline(text: string, ctx: DeadlineContext): Deadline {
  const label = text.match(LABELLED_LIMIT);
  // `完成时限：全年`: the whole plan year, so its last day (in the body `全年` only scopes a figure).
  if (label && WHOLE_YEAR_LIMIT.test(label[1]))
    return { deadlineText: label[1], deadline: planYearEnd(ctx) };
  if (label) {
    const query = limitQuery(label[1], ctx);
    const stated = parseDeadline(query, ctx);
    // A limit read whole (`2025年`, `6月30日`, `三季度`) keeps its own text; a period (`每年`) is kept as written.
    if (stated.deadlineText)
      return {
        deadlineText: stated.deadline && query !== label[1] ? label[1] : stated.deadlineText,
        deadline: stated.deadline,
      };
    return { deadlineText: label[1], deadline: null };
  }
  const phrases = findTimePhrases(text, ctx);
  const dated = phrases.find((p) => p.kind === 'date' || p.kind === 'relative');
  const chosen = dated ?? phrases.find((p) => p.kind === 'ongoing');
  return chosen
    ? { deadlineText: chosen.text, deadline: chosen.date }
    : { deadlineText: null, deadline: null };
}
