import { parseCadence } from './cadence';
import { SupervisionRules } from './rules';

export interface ClauseText {
  path: string[];
  text: string;
}

export interface Citation {
  documentTitle: string | null;
  path: string[];
  text: string;
}

/** What a notice needs authority for; each maps to the words a supervision clause uses for it. */
export type ClausePurpose =
  'report' | 'chase' | 'supervision' | 'leading_group' | 'bulletin' | 'acknowledge';

const PURPOSE_WORDS: Record<ClausePurpose, RegExp[]> = {
  report: [/报送|报告|季度|半年|每月|每年/],
  chase: [/督促|催办|督查|督导|检查/],
  supervision: [/督办|督查|督导|督促/],
  leading_group: [/领导小组/],
  bulletin: [/通报/],
  acknowledge: [/协同|配合|分工|责任/],
};
const FALLBACK: ClausePurpose[] = ['chase', 'supervision', 'report'];

function sentences(text: string): string[] {
  return text
    .split(/(?<=[。；;！!])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The sentence of a document's supervision clauses that authorises a notice: the first sentence
 * using the purpose's words, else one using the chase/supervision words, else the first clause.
 * Null when the document states no supervision clause (the defaults in DESIGN.md apply).
 */
export function citeClause(
  documentTitle: string | null,
  clauses: ClauseText[],
  purpose: ClausePurpose,
): Citation | null {
  for (const p of [purpose, ...FALLBACK]) {
    for (const clause of clauses) {
      const hit = sentences(clause.text).find((s) => PURPOSE_WORDS[p].some((re) => re.test(s)));
      if (hit) return { documentTitle, path: clause.path, text: hit };
    }
  }
  const first = clauses[0];
  return first
    ? { documentTitle, path: first.path, text: sentences(first.text)[0] ?? first.text }
    : null;
}

const CN_DIGITS: Record<string, number> = {
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};

function number(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (text === '十') return 10;
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/.exec(text);
  if (m) return (m[1] ? CN_DIGITS[m[1]] : 1) * 10 + (m[2] ? CN_DIGITS[m[2]] : 0);
  return CN_DIGITS[text] ?? null;
}

/**
 * The parts of a supervision profile a document's own clauses state: cadence (每季度/每半年/
 * 每月/每年, 季度通报), due offset (季度结束后10日内, 次月10日前), working days (工作日).
 * Anything not stated is left out, so the defaults apply.
 */
export function rulesFromClauses(clauses: ClauseText[]): Partial<SupervisionRules> {
  const text = clauses.map((c) => c.text).join('\n');
  const out: Partial<SupervisionRules> = {};
  // The extractor's parser (documents imported before the cadence was stored on their profile).
  const cadence = parseCadence(clauses.map((c) => c.text));
  if (cadence) out.cadence = cadence;
  const offset =
    /(?:季度|每季|半年|每月|月度|年度)?(?:结束|终了)后\s*([0-9一二两三四五六七八九十]+)\s*(个)?(工作日|日|天)/.exec(
      text,
    ) ?? /次(?:月|季)\s*([0-9一二两三四五六七八九十]+)\s*(个)?(日|号)(?:前|之前)/.exec(text);
  if (offset) {
    const n = number(offset[1]);
    if (n !== null && n > 0 && n <= 60) {
      out.dueOffsetDays = n;
      if (offset[3] === '工作日') out.countWorkingDays = true;
    }
  }
  return out;
}
