/** 中期评估: how far a plan has got against its own timeline, per target, task and unit. */

export interface MidtermTargetInput {
  text: string;
  planned: number | null;
  reported: number | null;
}

export interface MidtermTaskInput {
  taskId: string;
  label: string;
  heading: string;
  state: string;
  deadlineOn: string | null;
  leadUnits: { id: string; name: string }[];
  /** The lead's latest filed progress status (on_track, at_risk, delayed, completed). */
  progressStatus: string | null;
  targets: MidtermTargetInput[];
}

export interface MidtermTarget extends MidtermTargetInput {
  /** reported / planned, 0..n (null without both figures). */
  progress: number | null;
  /** progress minus the plan's elapsed share: below zero is behind the timeline. */
  gap: number | null;
  /** Further behind the timeline than MIDTERM_TOLERANCE: what makes a task `behind_timeline`. */
  behind: boolean;
}

export const MIDTERM_RISKS = [
  'overdue',
  'behind_timeline',
  'reported_at_risk',
  'reported_delayed',
] as const;
export type MidtermRisk = (typeof MIDTERM_RISKS)[number];

/** How each risk reads, for the pages (served by the vocabulary route) and the workbook. */
export const MIDTERM_RISK_NAMES: Record<MidtermRisk, { zh: string; en: string }> = {
  overdue: { zh: '已过完成时限', en: 'Past its deadline' },
  behind_timeline: { zh: '指标进度落后于时间进度', en: 'Targets behind the timeline' },
  reported_at_risk: { zh: '单位报告存在风险', en: 'Reported at risk' },
  reported_delayed: { zh: '单位报告滞后', en: 'Reported delayed' },
};

export interface MidtermTask extends Omit<MidtermTaskInput, 'targets'> {
  targets: MidtermTarget[];
  risks: MidtermRisk[];
}

export interface MidtermUnit {
  unitId: string;
  unitName: string;
  tasks: number;
  atRisk: number;
}

export interface MidtermReview {
  startOn: string;
  endOn: string;
  today: string;
  /** Share of the plan period elapsed, 0..1. */
  elapsedShare: number;
  /** Mean progress over the targets with figures (null when none has). */
  meanTargetProgress: number | null;
  tasks: MidtermTask[];
  atRisk: MidtermTask[];
  unitsBehind: MidtermUnit[];
}

/** How far behind the timeline a target may be before its task counts as at risk. */
export const MIDTERM_TOLERANCE = 0.15;

const dayNumber = (d: string): number =>
  Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 86_400_000;

/** The elapsed share of [startOn, endOn] at `today` (all YYYY-MM-DD), clamped to 0..1. */
export function elapsedShare(startOn: string, endOn: string, today: string): number {
  const span = dayNumber(endOn) - dayNumber(startOn);
  if (span <= 0) return 1;
  return Math.min(1, Math.max(0, (dayNumber(today) - dayNumber(startOn)) / span));
}

export function midtermReview(
  plan: { startOn: string; endOn: string; today: string },
  input: MidtermTaskInput[],
): MidtermReview {
  const share = elapsedShare(plan.startOn, plan.endOn, plan.today);
  const tasks = input.map((t): MidtermTask => {
    const targets = t.targets.map((g): MidtermTarget => {
      const progress =
        g.planned && g.reported !== null
          ? Math.round((g.reported / g.planned) * 1000) / 1000
          : null;
      const gap = progress === null ? null : Math.round((progress - share) * 1000) / 1000;
      return { ...g, progress, gap, behind: gap !== null && gap < -MIDTERM_TOLERANCE };
    });
    const risks: MidtermRisk[] = [];
    if (t.state === 'open') {
      if (t.deadlineOn && t.deadlineOn < plan.today) risks.push('overdue');
      if (targets.some((g) => g.behind)) risks.push('behind_timeline');
      if (t.progressStatus === 'at_risk') risks.push('reported_at_risk');
      if (t.progressStatus === 'delayed') risks.push('reported_delayed');
    }
    return { ...t, targets, risks };
  });
  const figures = tasks.flatMap((t) => t.targets).filter((g) => g.progress !== null);
  const units = new Map<string, MidtermUnit>();
  for (const t of tasks) {
    for (const u of t.leadUnits) {
      const row = units.get(u.id) ?? { unitId: u.id, unitName: u.name, tasks: 0, atRisk: 0 };
      row.tasks += 1;
      if (t.risks.length) row.atRisk += 1;
      units.set(u.id, row);
    }
  }
  return {
    ...plan,
    elapsedShare: Math.round(share * 1000) / 1000,
    meanTargetProgress: figures.length
      ? Math.round(
          (figures.reduce((a, g) => a + (g.progress as number), 0) / figures.length) * 1000,
        ) / 1000
      : null,
    tasks,
    atRisk: tasks.filter((t) => t.risks.length > 0),
    unitsBehind: [...units.values()]
      .filter((u) => u.atRisk > 0)
      .sort((a, b) => b.atRisk - a.atRisk || a.unitName.localeCompare(b.unitName, 'zh')),
  };
}
