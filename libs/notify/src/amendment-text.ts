import type { NoticeText } from './supervision-texts';

export interface AmendmentContext {
  documentTitle: string | null;
  taskLabel: string;
  taskHeading: string;
  version: number;
  /** What changed, as the notice lists it: Chinese and English names of the fields. */
  changedZh: string[];
  changedEn: string[];
  deadlineOn: string | null;
  reason: string;
}

/** A task was amended (动态调整): to every unit that holds, gains or loses a part of it. */
export const AMENDMENT_TEXT = (a: AmendmentContext): NoticeText => ({
  title: `【任务调整】任务${a.taskLabel}已调整（第${a.version}版）`,
  body:
    `领导小组办公室调整了${a.documentTitle ? `《${a.documentTitle}》` : ''}任务${a.taskLabel}“${a.taskHeading}”：${a.changedZh.join('、')}。` +
    (a.deadlineOn ? `现完成时限为${a.deadlineOn}。` : '') +
    `调整理由：${a.reason}。自即日起按调整后的任务执行。`,
  titleEn: `Task ${a.taskLabel} amended (version ${a.version})`,
  bodyEn:
    `The office amended task ${a.taskLabel} "${a.taskHeading}"${a.documentTitle ? ` of ${a.documentTitle}` : ''}: ${a.changedEn.join(', ')}.` +
    (a.deadlineOn ? ` The deadline is now ${a.deadlineOn}.` : '') +
    ` Reason: ${a.reason}. The amended task applies from now on.`,
});

/** The names of the amendable fields in the notice and on the pages' timeline. */
export const AMENDMENT_FIELD_NAMES: Record<string, { zh: string; en: string }> = {
  leadUnitIds: { zh: '牵头单位', en: 'lead units' },
  supportUnitIds: { zh: '配合单位', en: 'supporting units' },
  deadlineOn: { zh: '完成时限', en: 'deadline' },
  deadlineText: { zh: '时限表述', en: 'deadline wording' },
  heading: { zh: '任务名称', en: 'heading' },
  body: { zh: '任务内容', en: 'text' },
  targets: { zh: '量化指标', en: 'targets' },
};
