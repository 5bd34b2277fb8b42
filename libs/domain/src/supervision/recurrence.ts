import { Cadence } from './cadence';

/**
 * How a task with no single due date recurs: a period of the reporting-cadence vocabulary
 * (`每年` → yearly) or `ongoing` for standing work (`长期坚持`, `持续推进`). The extractor gives it
 * beside a null deadline; one list here, as for cadences.
 */
export const RECURRENCES = [
  'monthly',
  'quarterly',
  'half-yearly',
  'yearly',
  'ongoing',
] as const satisfies readonly (Cadence | 'ongoing')[];
export type Recurrence = (typeof RECURRENCES)[number];

export const RECURRENCE_NAMES: Record<Recurrence, { zh: string; en: string }> = {
  monthly: { zh: '每月', en: 'Monthly' },
  quarterly: { zh: '每季度', en: 'Quarterly' },
  'half-yearly': { zh: '每半年', en: 'Half-yearly' },
  yearly: { zh: '每年', en: 'Yearly' },
  ongoing: { zh: '长期', en: 'Ongoing' },
};

// A time limit as written, from its start: `每年`, `每年6月底前`, `每季度末`, `长期坚持`, `持续推进`, `常态化`.
const RECURRENCE_WORDS: [Recurrence, RegExp][] = [
  ['half-yearly', /^(?:每半年|每半年度)/],
  ['yearly', /^(?:每一?年|每年度|逐年|年年)/],
  ['quarterly', /^(?:每一?个?季度?|按季度?)/],
  ['monthly', /^(?:每一?个?月|按月)/],
  ['ongoing', /^(?:长期|持续|常态化|经常性|动态)/],
];

/** The recurrence a time limit states (`每季度` → quarterly, `长期坚持` → ongoing), else null. */
export function parseRecurrence(limit: string | null): Recurrence | null {
  const text = (limit ?? '').trim();
  for (const [recurrence, re] of RECURRENCE_WORDS) if (re.test(text)) return recurrence;
  return null;
}
