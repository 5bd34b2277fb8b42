import {
  dueDateLabel,
  escalationLevelName,
  escalationStateName,
  periodLabelZh,
} from '@tracker/domain';
import { Cell, WorkbookSpec } from '../common/xlsx-table';
import { BulletinContent } from './bulletin-content';

const pct = (rate: number): string => `${(rate * 100).toFixed(1)}%`;

/**
 * The bulletin as a workbook: one sheet per part, in the form offices exchange (Chinese headers).
 * Plain data; the offload pool writes the file off the request thread.
 */
export function bulletinWorkbookSpec(b: BulletinContent, createdAt: Date): WorkbookSpec {
  const title = `${b.documentTitle ? `《${b.documentTitle}》` : ''}${periodLabelZh(b.period)}任务落实情况通报`;
  const t = b.totals;
  const sheets: WorkbookSpec['sheets'] = [
    sheet(
      '概况',
      title,
      [
        { header: '项目', width: 24 },
        { header: '数值', width: 16 },
      ],
      [
        ['报送截止', dueDateLabel(new Date(b.dueAt))],
        ['应报', t.reports],
        ['按时报送', t.onTime],
        ['逾期报送', t.late],
        ['未报送', t.missing],
        ['审核通过', t.accepted],
        ['提请领导小组', t.escalatedToLeadingGroup],
        ['按时报送率', pct(t.onTimeRate)],
      ],
    ),
    sheet(
      '各单位报送情况',
      `${title}：各单位报送情况`,
      ['单位', '应报', '按时', '逾期', '未报', '审核通过', '按时报送率'].map((h, i) => ({
        header: h,
        width: i === 0 ? 28 : 10,
      })),
      b.units.map((u) => [
        u.unitName,
        u.reports,
        u.onTime,
        u.late,
        u.missing,
        u.accepted,
        pct(u.onTimeRate),
      ]),
    ),
    sheet(
      '逾期及未报任务',
      `${title}：逾期及未报任务`,
      [
        { header: '任务编号', width: 14 },
        { header: '任务', width: 36 },
        { header: '牵头单位', width: 24 },
        { header: '截止', width: 12 },
        { header: '首次报送', width: 18 },
      ],
      b.lateTasks.map((x) => [
        x.taskLabel,
        x.heading,
        x.unitName,
        dueDateLabel(new Date(x.dueAt)),
        x.firstSubmittedAt ? x.firstSubmittedAt.replace('T', ' ').slice(0, 16) : '未报送',
      ]),
    ),
    sheet(
      '督办升级任务',
      `${title}：督办升级任务`,
      [
        { header: '任务编号', width: 14 },
        { header: '任务', width: 36 },
        { header: '牵头单位', width: 24 },
        { header: '层级', width: 18 },
        { header: '状态', width: 12 },
      ],
      b.escalatedTasks.map((x) => [
        x.taskLabel,
        x.heading,
        x.unitName,
        `${['', '一级', '二级', '三级'][x.level] ?? x.level} ${escalationLevelName(x.level).zh}`,
        escalationStateName(x.state).zh,
      ]),
    ),
    sheet(
      '量化指标进展',
      `${title}：量化指标进展`,
      [
        { header: '任务编号', width: 14 },
        { header: '指标', width: 40 },
        { header: '牵头单位', width: 24 },
        { header: '目标值', width: 10 },
        { header: '报送值', width: 10 },
        { header: '单位', width: 8 },
        { header: '完成比例', width: 10 },
      ],
      b.targets.map((x) => [
        x.taskLabel,
        x.target,
        x.unitName,
        x.planned,
        x.reported,
        x.unit,
        x.percent === null ? null : `${x.percent.toFixed(1)}%`,
      ]),
    ),
  ];
  if (b.assessment) {
    const a = b.assessment;
    sheets.push(
      sheet(
        '考核评估',
        `${title}：考核评估（${periodLabelZh(a.period)}，基础分 ${a.base}）`,
        ['排名', '单位', '得分', '扣分', '加分', '计分事项'].map((h, i) => ({
          header: h,
          width: i === 1 ? 28 : 10,
        })),
        a.units.map((u) => [u.rank, u.unitName, u.score, u.deducted, u.added, u.events]),
      ),
    );
  }
  if (b.localities?.length) sheets.push(localitySheet(b.localities, title));
  return {
    creator: '任务责任追踪系统',
    createdAt: createdAt.toISOString(),
    sheets,
  };
}

function sheet(
  name: string,
  title: string,
  columns: { header: string; width?: number }[],
  rows: Cell[][],
): WorkbookSpec['sheets'][number] {
  return { name, title, columns, rows };
}

/** 各地分解: one row per task, target and locality, and a total row per target. */
function localitySheet(
  tasks: NonNullable<BulletinContent['localities']>,
  title: string,
): WorkbookSpec['sheets'][number] {
  const per = (v: number | null): string | null => (v === null ? null : `${v.toFixed(1)}%`);
  const rows: Cell[][] = [];
  for (const task of tasks)
    for (const x of task.targets) {
      for (const r of x.rows)
        rows.push([
          task.taskLabel,
          x.text,
          r.unitName,
          r.share,
          r.reported,
          x.unit,
          per(r.percent),
        ]);
      rows.push([
        task.taskLabel,
        x.text,
        '合计',
        x.shareTotal,
        x.reportedTotal,
        x.unit,
        per(x.percent),
      ]);
    }
  return sheet(
    '各地分解',
    `${title}：各地分解完成情况`,
    [
      { header: '任务编号', width: 14 },
      { header: '指标', width: 40 },
      { header: '地区', width: 24 },
      { header: '分解目标', width: 10 },
      { header: '报送值', width: 10 },
      { header: '单位', width: 8 },
      { header: '完成比例', width: 10 },
    ],
    rows,
  );
}
