import { chineseNumeralValue } from '../text/text.util';

/** A stated rule on who leads in a list (`排在第一位的为牵头单位，下同`). */
export interface LeadConvention {
  /** How many of the first listed units lead. */
  leadCount: number;
  /** `下同`: the rule also holds for every later clause. */
  persists: boolean;
  start: number;
  end: number;
}

const ORDINAL = '(?:第一位|首位|第一个|第一名|第一)';
const SUBJECT = '(?:责任单位|责任部门|单位|部门|者)?';
const FIRST_LEADS = new RegExp(
  `(?:排在|排名|排|列在|列|名列|位列|位于|居)?${ORDINAL}(?:的|者)?${SUBJECT}(?:为|是|作为)(?:牵头|主责)(?:单位|部门)`,
  'g',
);
const FIRST_N_LEAD =
  /(?:排在|排|列在|列)前([两二三四五\d])(?:位|个)(?:的)?(?:单位|部门)?(?:为|是|均为)(?:牵头|主责)(?:单位|部门)/g;
// `（无牵头单位的，责任单位即为牵头单位，下同）`: every listed responsible unit leads.
const ALL_LEAD =
  /(?:无|没有|未明确|未列)牵头(?:单位|部门)的[，,]?(?:其?责任(?:单位|部门))?(?:即为|均为|为)牵头(?:单位|部门)/g;
/** `leadCount` of a rule that makes every listed unit a lead. */
export const ALL_LISTED = Number.MAX_SAFE_INTEGER;
const SAME_BELOW = /^[，,、；;\s\u3000]*(?:以下同|下同)/;

/** Every convention stated in the text, in order. */
export function findLeadConventions(text: string): LeadConvention[] {
  const found: LeadConvention[] = [];
  const add = (m: RegExpExecArray, leadCount: number) => {
    const after = text.slice(m.index + m[0].length);
    const same = after.match(SAME_BELOW);
    found.push({
      leadCount,
      persists: !!same,
      start: m.index,
      end: m.index + m[0].length + (same ? same[0].length : 0),
    });
  };
  for (const m of text.matchAll(FIRST_LEADS)) add(m as RegExpExecArray, 1);
  for (const m of text.matchAll(FIRST_N_LEAD)) {
    const n = /\d/.test(m[1]) ? Number(m[1]) : (chineseNumeralValue(m[1]) ?? 1);
    add(m as RegExpExecArray, n);
  }
  for (const m of text.matchAll(ALL_LEAD)) add(m as RegExpExecArray, ALL_LISTED);
  return found.sort((a, b) => a.start - b.start);
}

/** The text with its conventions (and their `下同`) removed. */
export function withoutConventions(text: string, conventions: LeadConvention[]): string {
  let out = text;
  for (const c of [...conventions].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, c.start) + out.slice(c.end);
  }
  return out;
}
