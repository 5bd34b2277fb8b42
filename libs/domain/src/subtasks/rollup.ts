import { taskStatusColour, StatusColour } from '../supervision/task-status';

/** Where a sub-task (子任务) stands, as the lead unit records it. */
export const SUBTASK_STATUSES = ['not_started', 'in_progress', 'done'] as const;
export type SubtaskStatus = (typeof SUBTASK_STATUSES)[number];

export const SUBTASK_STATUS_ZH: Record<SubtaskStatus, string> = {
  not_started: '未启动',
  in_progress: '推进中',
  done: '已完成',
};

/** A figure against one of the task's targets, named by the target's position. */
export interface TargetFigure {
  index: number;
  value: number;
}

export interface SubtaskFacts {
  title: string;
  ownerName: string;
  /** YYYY-MM-DD, Asia/Shanghai. */
  dueOn: string;
  status: SubtaskStatus;
  percent: number;
  reported: TargetFigure[];
  progressNote: string | null;
}

/**
 * A sub-task's colour by the one rule that colours tasks: red once its deadline has passed and it
 * is not done, amber within 30 days of it, done when done.
 */
export function subtaskColour(
  s: Pick<SubtaskFacts, 'status' | 'dueOn'>,
  today: string,
): StatusColour {
  return taskStatusColour({
    state: s.status === 'done' ? 'completed' : 'open',
    deadlineOn: s.dueOn,
    today,
    lateReports: 0,
    dueSoonReports: 0,
    returnedReports: 0,
    pendingAcknowledgements: 0,
  });
}

export interface RolledUpValue {
  index: number;
  target: string;
  value: number;
}

export interface SubtaskRollUp {
  narrative: string;
  /** One per target that at least one sub-task reported a value for: the sum of those values. */
  targetValues: RolledUpValue[];
}

// Sums of decimals (1.1 + 2.2) are kept to the six places a report's value may carry.
const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;

/**
 * The lead unit's roll-up of its sub-tasks for a report draft: a Chinese summary of where each
 * sub-task stands and, per target, the sum of what the sub-tasks reported against it.
 */
export function rollUpSubtasks(
  targets: { text: string; unit: string | null }[],
  subtasks: SubtaskFacts[],
  today: string,
): SubtaskRollUp {
  const sums = new Map<number, number>();
  for (const s of subtasks)
    for (const f of s.reported)
      if (f.index >= 0 && f.index < targets.length)
        sums.set(f.index, round6((sums.get(f.index) ?? 0) + f.value));
  const targetValues = [...sums.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, value]) => ({ index, target: targets[index].text, value }));

  if (!subtasks.length) return { narrative: '本任务尚未分解子任务。', targetValues };
  const count = (st: SubtaskStatus): number => subtasks.filter((s) => s.status === st).length;
  const overdue = subtasks.filter((s) => subtaskColour(s, today) === 'red').length;
  const lines = [
    `本任务分解为${subtasks.length}项子任务：已完成${count('done')}项，推进中${count('in_progress')}项，未启动${count('not_started')}项` +
      (overdue ? `，其中${overdue}项已逾期。` : '。'),
    ...subtasks.map((s, i) => {
      const late = subtaskColour(s, today) === 'red' ? '（已逾期）' : '';
      const note = s.progressNote ?? '';
      return `${i + 1}. ${s.title}（责任：${s.ownerName}，期限：${s.dueOn}）：${SUBTASK_STATUS_ZH[s.status]}，进度${s.percent}%${late}。${note}`.trimEnd();
    }),
  ];
  if (targetValues.length) {
    lines.push(
      '目标完成情况（子任务合计）：' +
        targetValues.map((v) => `${v.target} ${v.value}${targets[v.index].unit ?? ''}`).join('；') +
        '。',
    );
  }
  return { narrative: lines.join('\n'), targetValues };
}
