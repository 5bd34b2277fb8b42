import { periodBounds, PERIOD_PATTERN } from '../supervision/periods';

/** What a point can be for: each comes from a record of what happened, never typed in (except adjustments, which need a reason). */
export const ASSESSMENT_EVENT_KINDS = [
  'late_report',
  'escalation_rung',
  'report_returned',
  'decline_unreassigned',
  'completed_on_time',
  'urged',
  'adjustment',
] as const;
export type AssessmentEventKind = (typeof ASSESSMENT_EVENT_KINDS)[number];

/** The records a point can come from. */
export const ASSESSMENT_SOURCE_TYPES = [
  'audit_log',
  'escalation',
  'notice',
  'urging',
  'assessment_adjustment',
] as const;
export type AssessmentSourceType = (typeof ASSESSMENT_SOURCE_TYPES)[number];

/** What each event kind is called (pages, workbook). */
export const ASSESSMENT_EVENT_NAMES: Record<AssessmentEventKind, { zh: string; en: string }> = {
  late_report: { zh: '报告逾期', en: 'Late report' },
  escalation_rung: { zh: '督办升级', en: 'Escalation rung reached' },
  report_returned: { zh: '报告被退回', en: 'Report returned' },
  decline_unreassigned: { zh: '退回任务未改派', en: 'Declined task not reassigned' },
  completed_on_time: { zh: '按期办结', en: 'Completed on time' },
  urged: { zh: '被催办', en: 'Urged by the office' },
  adjustment: { zh: '人工调整', en: 'Manual adjustment' },
};

/**
 * A document's scoring scheme (考核评估办法), editable by the office: every unit starts at `base`;
 * the deductions are points taken off per event, `completedOnTime` is added.
 */
export interface AssessmentScheme {
  base: number;
  lateReport: number;
  /** Per rung reached, by escalation level: 2 督办, 3 提请领导小组. */
  escalationRung: { '2': number; '3': number };
  reportReturned: number;
  declinedNotReassigned: number;
  completedOnTime: number;
  /** Deducted per urging (催办) of the unit by the office. */
  urged: number;
}

export const DEFAULT_ASSESSMENT_SCHEME: AssessmentScheme = {
  base: 100,
  lateReport: 2,
  escalationRung: { '2': 3, '3': 5 },
  reportReturned: 1,
  declinedNotReassigned: 2,
  completedOnTime: 5,
  urged: 1,
};

/** A stored scheme as the current rules read it: a field added since it was saved takes its default. */
export function withSchemeDefaults(stored: Partial<AssessmentScheme>): AssessmentScheme {
  return {
    ...DEFAULT_ASSESSMENT_SCHEME,
    ...stored,
    escalationRung: { ...DEFAULT_ASSESSMENT_SCHEME.escalationRung, ...stored.escalationRung },
  };
}

const MAX_POINTS = 1_000;

/** The fields of a proposed scheme that are not numbers in [0, 1000] with at most two decimals; empty when it is valid. */
export function schemeProblems(x: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const check = (path: string, v: unknown) => {
    if (
      typeof v !== 'number' ||
      !Number.isFinite(v) ||
      v < 0 ||
      v > MAX_POINTS ||
      Math.round(v * 100) !== v * 100
    ) {
      out[path] = [`must be a number from 0 to ${MAX_POINTS} with at most two decimals`];
    }
  };
  const s = (x ?? {}) as Partial<Record<keyof AssessmentScheme, unknown>>;
  check('base', s.base);
  check('lateReport', s.lateReport);
  check('reportReturned', s.reportReturned);
  check('declinedNotReassigned', s.declinedNotReassigned);
  check('completedOnTime', s.completedOnTime);
  check('urged', s.urged);
  const rung = (s.escalationRung ?? {}) as Record<string, unknown>;
  check('escalationRung.2', rung['2']);
  check('escalationRung.3', rung['3']);
  return out;
}

/**
 * One thing that happened, as read from the audit log, the ladder's notices and the escalations.
 * Report events belong to their cycle's `period`; the others to the business day `on` they happened.
 */
export interface AssessmentEvent {
  kind: AssessmentEventKind;
  unitId: string;
  /** When it happened. */
  at: string;
  /** The reporting period it belongs to (report events, adjustments). */
  period?: string | null;
  /** The business day (Asia/Shanghai) it happened on (task events). */
  on?: string | null;
  /** Escalation level, for `escalation_rung`. */
  level?: number | null;
  /** Points of a manual adjustment (signed). */
  points?: number | null;
  taskId?: string | null;
  reportId?: string | null;
  /** The record behind it: `audit_log`, `escalation`, `notice` or `assessment_adjustment`, and its id. */
  source: { type: string; id: string };
  note?: string | null;
}

/** Signed points an event is worth under a scheme. */
export function pointsOf(e: AssessmentEvent, s: AssessmentScheme): number {
  switch (e.kind) {
    case 'late_report':
      return -s.lateReport;
    case 'escalation_rung':
      return -(e.level === 3 ? s.escalationRung['3'] : e.level === 2 ? s.escalationRung['2'] : 0);
    case 'report_returned':
      return -s.reportReturned;
    case 'decline_unreassigned':
      return -s.declinedNotReassigned;
    case 'completed_on_time':
      return s.completedOnTime;
    case 'urged':
      return -s.urged;
    case 'adjustment':
      return e.points ?? 0;
  }
}

/** Assessment periods: a quarter (2020-Q3) or a year (2020-Y). */
export const ASSESSMENT_PERIOD_PATTERN = /^[0-9]{4}-(Q[1-4]|Y)$/;
export const isAssessmentPeriod = (p: string): boolean => ASSESSMENT_PERIOD_PATTERN.test(p);

/**
 * The assessment period a reporting period's bulletin shows: a quarter or a year as itself, a
 * month in its quarter, a half-year in its year.
 */
export function assessmentPeriodOf(reportingPeriod: string): string {
  const m = PERIOD_PATTERN.exec(reportingPeriod);
  if (!m) throw new RangeError(`${reportingPeriod} is not a reporting period (like 2020-Q3)`);
  const [, year, part] = m;
  if (part === 'Y' || part.startsWith('Q')) return reportingPeriod;
  if (part.startsWith('M')) return `${year}-Q${Math.ceil(Number(part.slice(1)) / 3)}`;
  return `${year}-Y`;
}

/** Whether an event falls in an assessment period: its reporting period lies within it, or its day does. */
export function inPeriod(e: Pick<AssessmentEvent, 'period' | 'on'>, period: string): boolean {
  const b = periodBounds(period);
  if (e.period && PERIOD_PATTERN.test(e.period)) {
    const p = periodBounds(e.period);
    return p.startOn >= b.startOn && p.endOn <= b.endOn;
  }
  return !!e.on && e.on >= b.startOn && e.on <= b.endOn;
}

export interface ScoredLine {
  event: AssessmentEvent;
  points: number;
}

export interface UnitScore {
  unitId: string;
  unitName: string;
  score: number;
  /** 1 for the highest score; equal scores share a rank (1, 1, 3). */
  rank: number;
  deducted: number;
  added: number;
  lines: ScoredLine[];
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * Scores every unit for a period: the scheme's base plus the points of each event in the period,
 * ranked by score (ties share a rank, then by name). Every point is one line with its event.
 */
export function scoreUnits(
  units: { id: string; name: string }[],
  events: AssessmentEvent[],
  scheme: AssessmentScheme,
  period: string,
): UnitScore[] {
  const byUnit = new Map<string, ScoredLine[]>(units.map((u) => [u.id, []]));
  for (const e of events) {
    if (!byUnit.has(e.unitId) || !inPeriod(e, period)) continue;
    byUnit.get(e.unitId)!.push({ event: e, points: pointsOf(e, scheme) });
  }
  const scored = units.map((u) => {
    const lines = (byUnit.get(u.id) ?? []).sort(
      (a, b) =>
        a.event.at.localeCompare(b.event.at) || a.event.source.id.localeCompare(b.event.source.id),
    );
    const deducted = round2(lines.filter((l) => l.points < 0).reduce((n, l) => n - l.points, 0));
    const added = round2(lines.filter((l) => l.points > 0).reduce((n, l) => n + l.points, 0));
    return {
      unitId: u.id,
      unitName: u.name,
      score: round2(scheme.base - deducted + added),
      rank: 0,
      deducted,
      added,
      lines,
    };
  });
  scored.sort((a, b) => b.score - a.score || a.unitName.localeCompare(b.unitName, 'zh-CN'));
  scored.forEach((s, i) => {
    s.rank = i > 0 && scored[i - 1].score === s.score ? scored[i - 1].rank : i + 1;
  });
  return scored;
}
