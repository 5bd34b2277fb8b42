import { ASSESSMENT_EVENT_NAMES, periodLabelZh, shanghaiDate } from '@tracker/domain';
import ExcelJS from 'exceljs';
import { addTableSheet } from '../common/xlsx-table';
import type { DocumentAssessment } from './assessments.service';

const SOURCE_NAMES: Record<string, string> = {
  audit_log: '操作记录',
  escalation: '督办升级记录',
  notice: '催办通知',
  assessment_adjustment: '人工调整',
};

/** 考核评估 as offices exchange it: 得分排名 (rank, unit, score) and 计分明细 (each point and its record). */
export async function assessmentWorkbook(a: DocumentAssessment): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const title = `${a.documentTitle ? `《${a.documentTitle}》` : ''}${periodLabelZh(a.period)}考核评估`;
  addTableSheet(
    wb,
    '得分排名',
    title,
    [
      { header: '排名', width: 8 },
      { header: '单位', width: 30 },
      { header: '得分', width: 10 },
      { header: '扣分', width: 10 },
      { header: '加分', width: 10 },
      { header: '计分事项', width: 10 },
    ],
    a.units.map((u) => [u.rank, u.unit.name, u.score, u.deducted, u.added, u.lines.length]),
  );
  addTableSheet(
    wb,
    '计分明细',
    `${title}：计分明细`,
    [
      { header: '单位', width: 26 },
      { header: '事项', width: 16 },
      { header: '分值', width: 8 },
      { header: '发生时间', width: 14 },
      { header: '期次', width: 18 },
      { header: '任务编号', width: 12 },
      { header: '任务', width: 36 },
      { header: '依据', width: 40 },
      { header: '说明', width: 30 },
    ],
    a.units.flatMap((u) =>
      u.lines.map((l) => [
        u.unit.name,
        l.kind === 'escalation_rung'
          ? `${ASSESSMENT_EVENT_NAMES[l.kind].zh}（第${l.level}级）`
          : ASSESSMENT_EVENT_NAMES[l.kind].zh,
        l.points,
        shanghaiDate(l.at),
        l.period ? periodLabelZh(l.period) : '',
        l.task?.number ?? '',
        l.task?.heading ?? '',
        `${SOURCE_NAMES[l.source.type] ?? l.source.type} ${l.source.id}`,
        l.note ?? '',
      ]),
    ),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
