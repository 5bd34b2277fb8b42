import { MIDTERM_RISK_NAMES } from '@tracker/domain';
import ExcelJS from 'exceljs';
import { addTableSheet } from '../common/xlsx-table';
import type { MidtermReviewView } from './midterm-review.service';

/** A share (0..1) as a whole percentage, or empty without a figure. */
const percent = (x: number | null): string => (x === null ? '' : `${Math.round(x * 100)}%`);
/** A gap as signed percentage points. */
const points = (x: number | null): string =>
  x === null ? '' : `${x > 0 ? '+' : ''}${Math.round(x * 100)}`;

/**
 * 中期评估 as an office files it: 总体情况 (period, time elapsed, mean target progress), 指标进度
 * (each target against the timeline), 风险任务 (tasks at risk and why) and 滞后单位 (units behind).
 */
export async function midtermWorkbook(r: MidtermReviewView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const title = `${r.documentTitle ? `《${r.documentTitle}》` : ''}中期评估`;
  const leads = (t: MidtermReviewView['tasks'][number]): string =>
    t.leadUnits.map((u) => u.name).join('、');
  addTableSheet(
    wb,
    '总体情况',
    title,
    [
      { header: '项目', width: 24 },
      { header: '情况', width: 36 },
    ],
    [
      ['规划期', `${r.startOn} 至 ${r.endOn}`],
      ['评估日期', r.today],
      ['时间进度', percent(r.elapsedShare)],
      ['指标平均完成度', percent(r.meanTargetProgress)],
      ['任务总数', r.tasks.length],
      ['存在风险的任务', r.atRisk.length],
      ['进度滞后的单位', r.unitsBehind.length],
    ],
  );
  addTableSheet(
    wb,
    '指标进度',
    `${title}：指标进度与时间进度对照`,
    [
      { header: '任务编号', width: 12 },
      { header: '任务', width: 36 },
      { header: '牵头单位', width: 26 },
      { header: '指标', width: 36 },
      { header: '目标值', width: 10 },
      { header: '最新报送值', width: 12 },
      { header: '完成度', width: 10 },
      { header: '与时间进度差（百分点）', width: 14 },
      { header: '是否滞后', width: 10 },
    ],
    r.tasks.flatMap((t) =>
      t.targets.map((g) => [
        t.label,
        t.heading,
        leads(t),
        g.text,
        g.planned,
        g.reported,
        percent(g.progress),
        points(g.gap),
        g.behind ? '滞后' : '',
      ]),
    ),
  );
  addTableSheet(
    wb,
    '风险任务',
    `${title}：存在风险的任务`,
    [
      { header: '任务编号', width: 12 },
      { header: '任务', width: 40 },
      { header: '牵头单位', width: 26 },
      { header: '完成时限', width: 12 },
      { header: '风险', width: 36 },
    ],
    r.atRisk.map((t) => [
      t.label,
      t.heading,
      leads(t),
      t.deadlineOn ?? '',
      t.risks.map((k) => MIDTERM_RISK_NAMES[k].zh).join('、'),
    ]),
  );
  addTableSheet(
    wb,
    '滞后单位',
    `${title}：进度滞后的单位`,
    [
      { header: '单位', width: 30 },
      { header: '牵头任务数', width: 12 },
      { header: '存在风险', width: 12 },
    ],
    r.unitsBehind.map((u) => [u.unitName, u.tasks, u.atRisk]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
