import type { NoticeText } from './supervision-texts';

export interface UrgeContext {
  documentTitle: string | null;
  taskLabel: string;
  taskHeading: string;
  unitName: string;
  comment: string | null;
}

/** The office's one-click urging (催办) of a unit on a task: Chinese first, English alongside. */
export const URGE_TEXT = (u: UrgeContext): NoticeText => ({
  title: `【催办】请加快推进任务${u.taskLabel}`,
  body:
    `${u.unitName}：领导小组办公室催办${u.documentTitle ? `《${u.documentTitle}》` : ''}任务${u.taskLabel}“${u.taskHeading}”，请抓紧推进落实并及时报送进展。` +
    (u.comment ? `意见：${u.comment}` : ''),
  titleEn: `Urged: please move task ${u.taskLabel} forward`,
  bodyEn:
    `${u.unitName}: the office urges you on task ${u.taskLabel} "${u.taskHeading}"${u.documentTitle ? ` of ${u.documentTitle}` : ''}; please press on and report progress.` +
    (u.comment ? ` Comment: ${u.comment}` : ''),
});
