import {
  dueDateLabel,
  escalationLevelName,
  escalationStateName,
  periodLabelEn,
  periodLabelZh,
  shanghaiDate,
} from '@tracker/domain';

/** The bulletin's figures, stored as JSON and served as JSON or as a Markdown document. */
export interface BulletinContent {
  cycleId: string;
  documentId: string;
  documentTitle: string | null;
  period: string;
  dueAt: string;
  compiledAt: string;
  totals: {
    reports: number;
    accepted: number;
    onTime: number;
    late: number;
    missing: number;
    escalatedToLeadingGroup: number;
    onTimeRate: number;
    closed?: number;
  };
  /** Tasks closed (销号) by the office: done, not late. */
  closedTasks?: { taskId: string; taskLabel: string; heading: string; closedAt: string }[];
  units: {
    unitId: string;
    unitName: string;
    reports: number;
    onTime: number;
    late: number;
    missing: number;
    accepted: number;
    onTimeRate: number;
  }[];
  lateTasks: {
    reportId: string;
    taskId: string;
    taskLabel: string;
    heading: string;
    unitName: string;
    dueAt: string;
    firstSubmittedAt: string | null;
    state: string;
  }[];
  escalatedTasks: {
    reportId: string;
    taskId: string;
    taskLabel: string;
    heading: string;
    unitName: string;
    level: number;
    colour: string;
    state: string;
  }[];
  targets: {
    taskId: string;
    taskLabel: string;
    heading: string;
    unitName: string;
    target: string;
    planned: number | null;
    unit: string | null;
    reported: number | null;
    percent: number | null;
  }[];
  /**
   * 考核评估: every unit's score for the assessment period the cycle falls in, as it stood when the
   * bulletin was compiled (bulletins compiled before assessment existed have none).
   */
  assessment?: {
    period: string;
    base: number;
    units: {
      unitId: string;
      unitName: string;
      score: number;
      rank: number;
      deducted: number;
      added: number;
      events: number;
    }[];
  };
  /**
   * 各地分解: per task with a breakdown table, each target's shares against the members' latest
   * values as of this cycle. Absent from bulletins compiled before breakdowns existed.
   */
  localities?: BulletinBreakdownTask[];
}

export interface BulletinBreakdownTask {
  taskId: string;
  taskLabel: string;
  heading: string;
  targets: {
    index: number;
    text: string;
    unit: string | null;
    shareTotal: number;
    reportedTotal: number | null;
    percent: number | null;
    rows: { unitName: string; share: number; reported: number | null; percent: number | null }[];
  }[];
}

const numeral = (n: number): string => '一二三四五六七八九十'[n - 1] ?? String(n);
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const esc = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const day = (iso: string | null): string => (iso ? shanghaiDate(new Date(iso)) : '—');
/** Due times read as the last day a report may be filed on. */
const due = (iso: string): string => dueDateLabel(new Date(iso));

/** A self-contained Markdown bulletin: Chinese first, English headings alongside. */
export function renderBulletinMarkdown(b: BulletinContent): string {
  const lines: string[] = [];
  lines.push(
    `# ${b.documentTitle ? `《${b.documentTitle}》` : ''}${periodLabelZh(b.period)}任务落实情况通报`,
  );
  lines.push(
    `*Bulletin on ${b.documentTitle ?? 'the document'}, ${periodLabelEn(b.period)}* · 报送截止 Due ${due(b.dueAt)} · 编制 Compiled ${day(b.compiledAt)}`,
    '',
  );
  const t = b.totals;
  lines.push('## 一、总体情况 Overview', '');
  lines.push(
    `应报 ${t.reports} 份，按时报送 ${t.onTime} 份（按时率 ${pct(t.onTimeRate)}），逾期报送 ${t.late} 份，未报送 ${t.missing} 份，已审核通过 ${t.accepted} 份，提请领导小组 ${t.escalatedToLeadingGroup} 项。`,
  );
  lines.push(
    `Reports due ${t.reports}; on time ${t.onTime} (${pct(t.onTimeRate)}); late ${t.late}; missing ${t.missing}; accepted ${t.accepted}; raised to the leading group ${t.escalatedToLeadingGroup}.`,
    '',
  );
  if (b.closedTasks?.length) {
    lines.push(
      `已销号（办结）任务 ${b.closedTasks.length} 项：${b.closedTasks.map((x) => `${x.taskLabel} ${x.heading}`).join('；')}。`,
    );
    lines.push(`Tasks closed as done: ${b.closedTasks.length}.`, '');
  }
  lines.push('## 二、各单位按时报送率 On-time rate per unit', '');
  lines.push(
    '| 单位 Unit | 应报 Due | 按时 On time | 逾期 Late | 未报 Missing | 按时率 Rate |',
    '|---|---:|---:|---:|---:|---:|',
  );
  for (const u of b.units)
    lines.push(
      `| ${esc(u.unitName)} | ${u.reports} | ${u.onTime} | ${u.late} | ${u.missing} | ${pct(u.onTimeRate)} |`,
    );
  lines.push('', '## 三、逾期及未报任务 Late and missing reports', '');
  if (!b.lateTasks.length) lines.push('无。None.');
  else {
    lines.push(
      '| 任务 Task | 牵头单位 Lead | 截止 Due | 首次报送 First filed |',
      '|---|---|---|---|',
    );
    for (const x of b.lateTasks)
      lines.push(
        `| ${esc(x.taskLabel)} ${esc(x.heading)} | ${esc(x.unitName)} | ${due(x.dueAt)} | ${day(x.firstSubmittedAt)} |`,
      );
  }
  lines.push('', '## 四、督办升级任务 Escalated tasks', '');
  if (!b.escalatedTasks.length) lines.push('无。None.');
  else {
    lines.push('| 任务 Task | 牵头单位 Lead | 层级 Level | 状态 State |', '|---|---|---|---|');
    for (const x of b.escalatedTasks)
      lines.push(
        `| ${esc(x.taskLabel)} ${esc(x.heading)} | ${esc(x.unitName)} | ${x.level}（${escalationLevelName(x.level).zh} ${escalationLevelName(x.level).en}） | ${escalationStateName(x.state).zh} ${escalationStateName(x.state).en} |`,
      );
  }
  lines.push('', '## 五、量化指标进展 Progress on quantitative targets', '');
  if (!b.targets.length) lines.push('无。None.');
  else {
    lines.push(
      '| 任务 Task | 指标 Target | 目标值 Planned | 报告值 Reported | 完成 Progress |',
      '|---|---|---:|---:|---:|',
    );
    for (const x of b.targets) {
      lines.push(
        `| ${esc(x.taskLabel)} | ${esc(x.target)} | ${x.planned ?? '—'}${x.unit ?? ''} | ${x.reported ?? '—'}${x.unit ?? ''} | ${x.percent === null ? '—' : `${x.percent.toFixed(1)}%`} |`,
      );
    }
  }
  // The parts after the fifth appear only when the bulletin has them, numbered in order.
  let next = 6;
  if (b.localities?.length) {
    lines.push('', `## ${numeral(next++)}、各地分解完成情况 Progress per locality`, '');
    const fig = (v: number | null, unit: string | null): string =>
      v === null ? '—' : `${v}${unit ?? ''}`;
    const per = (v: number | null): string => (v === null ? '—' : `${v.toFixed(1)}%`);
    for (const task of b.localities) {
      for (const x of task.targets) {
        lines.push(`### ${esc(task.taskLabel)} ${esc(task.heading)}：${esc(x.text)}`, '');
        lines.push(
          '| 地区 Locality | 分解目标 Share | 报送值 Reported | 完成 Progress |',
          '|---|---:|---:|---:|',
        );
        for (const r of x.rows)
          lines.push(
            `| ${esc(r.unitName)} | ${fig(r.share, x.unit)} | ${fig(r.reported, x.unit)} | ${per(r.percent)} |`,
          );
        lines.push(
          `| **合计 Total** | ${fig(x.shareTotal, x.unit)} | ${fig(x.reportedTotal, x.unit)} | ${per(x.percent)} |`,
          '',
        );
      }
    }
  }
  if (b.assessment) {
    const a = b.assessment;
    lines.push(
      '',
      `## ${numeral(next++)}、考核评估（${periodLabelZh(a.period)}） Assessment, ${periodLabelEn(a.period)}`,
      '',
    );
    lines.push(`各单位基础分 ${a.base} 分，按考核评估办法据实扣分、加分。`, '');
    lines.push(
      '| 排名 Rank | 单位 Unit | 得分 Score | 扣分 Deducted | 加分 Added | 计分事项 Events |',
      '|---:|---|---:|---:|---:|---:|',
    );
    for (const u of a.units)
      lines.push(
        `| ${u.rank} | ${esc(u.unitName)} | ${u.score} | ${u.deducted} | ${u.added} | ${u.events} |`,
      );
  }
  lines.push('');
  return lines.join('\n');
}
