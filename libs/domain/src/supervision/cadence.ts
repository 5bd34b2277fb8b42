/**
 * The one vocabulary of reporting cadences: the extractor's output, the document's supervision
 * profile, the API's validation and the pages (served by GET /api/web/vocabulary) all use it.
 */
export const CADENCES = ['monthly', 'quarterly', 'half-yearly', 'yearly'] as const;
export type Cadence = (typeof CADENCES)[number];

export const isCadence = (v: unknown): v is Cadence =>
  typeof v === 'string' && (CADENCES as readonly string[]).includes(v);

/** Chinese and English names, for texts the server writes and for the pages (served by GET /api/web/vocabulary). */
export const CADENCE_NAMES: Record<Cadence, { zh: string; en: string }> = {
  monthly: { zh: '每月', en: 'Monthly' },
  quarterly: { zh: '每季度', en: 'Quarterly' },
  'half-yearly': { zh: '每半年', en: 'Half-yearly' },
  yearly: { zh: '每年', en: 'Yearly' },
};

// Finest first: a sentence that asks for quarterly and half-yearly work reports quarterly.
const CADENCE_WORDS: [Cadence, RegExp][] = [
  ['monthly', /(每月|月度|按月)/],
  ['quarterly', /(每季度|季度|每季|按季)/],
  ['half-yearly', /(每半年|半年度|半年)/],
  ['yearly', /(每年|年度|按年)/],
];
// `12月报送` is a yearly report in December, not a monthly one: no bare 月报 here.
const REPORTING_WORD = /(报告|报送|通报|调度|汇报|上报|总结)/;
const INSPECTION_WORD = /(督查|督导|督促检查|监督检查|检查)/;

/**
 * The one cadence parser: the finest cadence a reporting sentence asks for (`季度通报机制` →
 * quarterly); where no reporting sentence states one, the cadence of the inspections
 * (`每半年开展督查` → half-yearly); null when the sentences state none (the caller's default applies).
 */
export function parseCadence(sentences: readonly string[]): Cadence | null {
  for (const words of [REPORTING_WORD, INSPECTION_WORD]) {
    for (const [cadence, re] of CADENCE_WORDS) {
      if (sentences.some((s) => words.test(s) && re.test(s))) return cadence;
    }
  }
  return null;
}
