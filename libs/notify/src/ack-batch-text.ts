import { shanghaiDate } from '@tracker/domain';
import type { NoticeText } from './supervision-texts';

export interface AckBatchContext {
  documentTitle: string | null;
  supportUnitName: string;
  assignedAt: Date;
  tasks: { label: string; heading: string }[];
}

/** One acknowledgement request for all the tasks one import gave a supporting unit: a list, not a mail per task. */
export function ACK_BATCH_TEXT(a: AckBatchContext): NoticeText {
  const doc = a.documentTitle ? `《${a.documentTitle}》` : '';
  const list = a.tasks.map((t, i) => `${i + 1}. 任务${t.label}“${t.heading}”`).join('\n');
  const listEn = a.tasks.map((t, i) => `${i + 1}. task ${t.label} "${t.heading}"`).join('\n');
  return {
    title: `【签收】请签收${doc}中分派你单位配合的${a.tasks.length}项任务`,
    body: `${a.supportUnitName}：${doc}于${shanghaiDate(a.assignedAt)}分派你单位配合以下${a.tasks.length}项任务，请在“我的任务”中全部签收，对不属于你单位职责的逐项说明理由后退回：\n${list}`,
    titleEn: `Please acknowledge ${a.tasks.length} supporting tasks${a.documentTitle ? ` of ${a.documentTitle}` : ''}`,
    bodyEn: `${a.supportUnitName}: on ${shanghaiDate(a.assignedAt)} these ${a.tasks.length} tasks were assigned to you as a supporting unit. Acknowledge them all under My tasks, and decline any that is not yours with a reason:\n${listEn}`,
  };
}
