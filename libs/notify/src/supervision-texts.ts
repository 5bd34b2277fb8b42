import { Citation, periodLabelZh, dueDateLabel, shanghaiDate } from '@tracker/domain';

/** A notice's words: Chinese first (what agencies read), English alongside. */
export interface NoticeText {
  title: string;
  body: string;
  titleEn: string;
  bodyEn: string;
}

export interface ReportContext {
  documentTitle: string | null;
  period: string;
  taskLabel: string;
  taskHeading: string;
  unitName: string;
  dueAt: Date;
}

function citeZh(c: Citation | null): string {
  if (!c) return '依据：本办督查督办工作默认规则。';
  return `依据：${c.documentTitle ? `《${c.documentTitle}》` : ''}${c.path.join('')}“${c.text}”`;
}

function citeEn(c: Citation | null): string {
  if (!c) return "Authority: the office's default supervision rules.";
  return `Authority: ${c.documentTitle ?? 'the document'}, ${c.path.join(' ')}: "${c.text}"`;
}

const day = (d: Date): string => shanghaiDate(d);
/** A due time as the last day it may be filed on (see dueDateLabel). */
const due = (d: Date): string => dueDateLabel(d);

export const RUNG_TEXT = {
  reminder: (r: ReportContext, c: Citation | null): NoticeText => ({
    title: `【提醒】${periodLabelZh(r.period)}进展报告将于${due(r.dueAt)}截止`,
    body: `${r.unitName}：请于${due(r.dueAt)}前报送任务${r.taskLabel}“${r.taskHeading}”${periodLabelZh(r.period)}进展情况。${citeZh(c)}`,
    titleEn: `Reminder: the ${r.period} progress report is due ${due(r.dueAt)}`,
    bodyEn: `${r.unitName}: please file the ${r.period} report on task ${r.taskLabel} "${r.taskHeading}" by ${due(r.dueAt)}. ${citeEn(c)}`,
  }),
  overdue: (r: ReportContext, c: Citation | null): NoticeText => ({
    title: `【催办】${periodLabelZh(r.period)}进展报告已逾期`,
    body: `${r.unitName}：任务${r.taskLabel}“${r.taskHeading}”${periodLabelZh(r.period)}进展报告应于${due(r.dueAt)}前报送，至今未报，请尽快报送。${citeZh(c)}`,
    titleEn: `Overdue: the ${r.period} progress report`,
    bodyEn: `${r.unitName}: the ${r.period} report on task ${r.taskLabel} "${r.taskHeading}" was due ${due(r.dueAt)} and has not been filed. ${citeEn(c)}`,
  }),
  supervision: (r: ReportContext, c: Citation | null): NoticeText => ({
    title: `【督办】${r.unitName}${periodLabelZh(r.period)}进展报告逾期未报`,
    body: `${r.unitName}主要负责同志：任务${r.taskLabel}“${r.taskHeading}”${periodLabelZh(r.period)}进展报告逾期未报，现予督办，请督促落实并报送，抄送领导小组办公室。${citeZh(c)}`,
    titleEn: `Supervision: ${r.unitName} has not filed its ${r.period} report`,
    bodyEn: `To the head of ${r.unitName}: the ${r.period} report on task ${r.taskLabel} "${r.taskHeading}" is overdue; this supervision order is copied to the office. ${citeEn(c)}`,
  }),
  leading_group: (r: ReportContext, c: Citation | null): NoticeText => ({
    title: `【提请领导小组】${r.unitName}${periodLabelZh(r.period)}进展报告长期未报`,
    body: `任务${r.taskLabel}“${r.taskHeading}”（牵头单位：${r.unitName}）${periodLabelZh(r.period)}进展报告督办后仍未报送，提请领导小组研究，并列入季度通报。${citeZh(c)}`,
    titleEn: `Raised to the leading group: ${r.unitName}'s ${r.period} report`,
    bodyEn: `Task ${r.taskLabel} "${r.taskHeading}" (lead: ${r.unitName}): the ${r.period} report is still missing after supervision; raised to the leading group and listed in the bulletin. ${citeEn(c)}`,
  }),
};

export interface AssignmentContext {
  documentTitle: string | null;
  taskLabel: string;
  taskHeading: string;
  supportUnitName: string;
  assignedAt: Date;
}

export const ACK_TEXT = {
  ack_request: (a: AssignmentContext, c: Citation | null): NoticeText => ({
    title: `【签收】请签收配合任务${a.taskLabel}`,
    body: `${a.supportUnitName}：任务${a.taskLabel}“${a.taskHeading}”已于${day(a.assignedAt)}分派你单位配合，请签收或说明理由后退回。${citeZh(c)}`,
    titleEn: `Please acknowledge supporting task ${a.taskLabel}`,
    bodyEn: `${a.supportUnitName}: task ${a.taskLabel} "${a.taskHeading}" was assigned to you as a supporting unit on ${day(a.assignedAt)}; please acknowledge it, or decline with a reason. ${citeEn(c)}`,
  }),
  ack_reminder: (a: AssignmentContext, c: Citation | null): NoticeText => ({
    title: `【提醒】请签收配合任务${a.taskLabel}`,
    body: `${a.supportUnitName}：任务${a.taskLabel}“${a.taskHeading}”已于${day(a.assignedAt)}分派你单位配合，请及时签收或说明理由。${citeZh(c)}`,
    titleEn: `Reminder: acknowledge supporting task ${a.taskLabel}`,
    bodyEn: `${a.supportUnitName}: task ${a.taskLabel} "${a.taskHeading}" was assigned to you as a supporting unit on ${day(a.assignedAt)}; please acknowledge or decline. ${citeEn(c)}`,
  }),
  ack_overdue: (a: AssignmentContext, c: Citation | null): NoticeText => ({
    title: `【催办】${a.supportUnitName}未签收配合任务${a.taskLabel}`,
    body: `配合单位${a.supportUnitName}自${day(a.assignedAt)}起未签收任务${a.taskLabel}“${a.taskHeading}”，请牵头单位和领导小组办公室跟进。${citeZh(c)}`,
    titleEn: `${a.supportUnitName} has not acknowledged task ${a.taskLabel}`,
    bodyEn: `Supporting unit ${a.supportUnitName} has not acknowledged task ${a.taskLabel} "${a.taskHeading}" since ${day(a.assignedAt)}; the lead unit and the office are told. ${citeEn(c)}`,
  }),
};

export const REVIEW_TEXT = {
  returned: (r: ReportContext, comment: string): NoticeText => ({
    title: `【退回】${periodLabelZh(r.period)}进展报告需修改`,
    body: `${r.unitName}：任务${r.taskLabel}“${r.taskHeading}”${periodLabelZh(r.period)}进展报告已退回，请于${due(r.dueAt)}前修改后重新报送。意见：${comment}`,
    titleEn: `Returned: the ${r.period} progress report needs revision`,
    bodyEn: `${r.unitName}: the ${r.period} report on task ${r.taskLabel} was returned; please revise and resubmit by ${due(r.dueAt)}. Comment: ${comment}`,
  }),
  supervisionOrder: (r: ReportContext, comment: string, c: Citation | null): NoticeText => ({
    title: `【督办令】任务${r.taskLabel}${periodLabelZh(r.period)}`,
    body: `${r.unitName}：领导小组办公室对任务${r.taskLabel}“${r.taskHeading}”下达督办意见：${comment}。${citeZh(c)}`,
    titleEn: `Supervision order: task ${r.taskLabel}, ${r.period}`,
    bodyEn: `${r.unitName}: the office issues a supervision order on task ${r.taskLabel} "${r.taskHeading}": ${comment}. ${citeEn(c)}`,
  }),
  extensionRequest: (r: ReportContext, dueOn: string, reason: string): NoticeText => ({
    title: `【延期申请】${r.unitName}申请任务${r.taskLabel}延期至${dueOn}`,
    body: `${r.unitName}申请将任务${r.taskLabel}“${r.taskHeading}”${periodLabelZh(r.period)}进展报告截止时间延至${dueOn}。理由：${reason}`,
    titleEn: `Extension request: ${r.unitName}, task ${r.taskLabel}, to ${dueOn}`,
    bodyEn: `${r.unitName} asks to move the ${r.period} report on task ${r.taskLabel} to ${dueOn}. Reason: ${reason}`,
  }),
  extensionDecision: (r: ReportContext, approved: boolean, comment: string | null): NoticeText => ({
    title: approved
      ? `【延期批准】任务${r.taskLabel}报告截止时间延至${due(r.dueAt)}`
      : `【延期未批准】任务${r.taskLabel}`,
    body: approved
      ? `${r.unitName}：任务${r.taskLabel}${periodLabelZh(r.period)}进展报告截止时间已延至${due(r.dueAt)}。${comment ?? ''}`
      : `${r.unitName}：任务${r.taskLabel}的延期申请未获批准，请按原时限报送。${comment ?? ''}`,
    titleEn: approved
      ? `Extension granted: task ${r.taskLabel}, due ${due(r.dueAt)}`
      : `Extension refused: task ${r.taskLabel}`,
    bodyEn: approved
      ? `${r.unitName}: the ${r.period} report on task ${r.taskLabel} is now due ${due(r.dueAt)}. ${comment ?? ''}`
      : `${r.unitName}: the extension for task ${r.taskLabel} was refused; the original due time stands. ${comment ?? ''}`,
  }),
};

/** The task's end: the lead unit asks to close it (to the office); the office closes or returns it (to the lead). */
export const COMPLETION_TEXT = {
  requested: (r: ReportContext): NoticeText => ({
    title: `【办结申请】${r.unitName}申请任务${r.taskLabel}销号`,
    body: `${r.unitName}报告任务${r.taskLabel}“${r.taskHeading}”已完成（${periodLabelZh(r.period)}进展报告），申请办结销号，请办公室核验。`,
    titleEn: `Completion request: ${r.unitName} asks to close task ${r.taskLabel}`,
    bodyEn: `${r.unitName} reports task ${r.taskLabel} "${r.taskHeading}" done (${r.period} report) and asks the office to verify and close it.`,
  }),
  closed: (r: ReportContext, comment: string | null): NoticeText => ({
    title: `【已销号】任务${r.taskLabel}经核验销号`,
    body: `${r.unitName}：任务${r.taskLabel}“${r.taskHeading}”经办公室核验已销号，不再报送进展。${comment ? `意见：${comment}` : ''}`,
    titleEn: `Closed: task ${r.taskLabel} verified and closed`,
    bodyEn: `${r.unitName}: the office verified and closed task ${r.taskLabel} "${r.taskHeading}"; no further reports are due. ${comment ? `Comment: ${comment}` : ''}`,
  }),
  returned: (r: ReportContext, comment: string): NoticeText => ({
    title: `【办结申请退回】任务${r.taskLabel}未通过核验`,
    body: `${r.unitName}：任务${r.taskLabel}“${r.taskHeading}”的办结申请未通过核验，任务继续办理，请按期报送进展。意见：${comment}`,
    titleEn: `Completion request returned: task ${r.taskLabel}`,
    bodyEn: `${r.unitName}: the request to close task ${r.taskLabel} "${r.taskHeading}" was returned; the task stays open and its reports remain due. Comment: ${comment}`,
  }),
};

export interface DeadlineContext {
  documentTitle: string | null;
  taskLabel: string;
  taskHeading: string;
  deadlineOn: string;
}

export const DEADLINE_TEXT = (
  level: 1 | 2 | 3,
  t: DeadlineContext,
  c: Citation | null,
): NoticeText => {
  const zh = { 1: '【逾期】', 2: '【督办】', 3: '【提请领导小组】' }[level];
  const en = { 1: 'Past its deadline', 2: 'Supervision', 3: 'Raised to the leading group' }[level];
  return {
    title: `${zh}任务${t.taskLabel}已过完成时限${t.deadlineOn}`,
    body: `任务${t.taskLabel}“${t.taskHeading}”完成时限为${t.deadlineOn}，至今未完成。${citeZh(c)}`,
    titleEn: `${en}: task ${t.taskLabel} passed its deadline ${t.deadlineOn}`,
    bodyEn: `Task ${t.taskLabel} "${t.taskHeading}" was due to be completed by ${t.deadlineOn} and is still open. ${citeEn(c)}`,
  };
};

export const BULLETIN_TEXT = (documentTitle: string | null, period: string): NoticeText => ({
  title: `【通报】${documentTitle ? `《${documentTitle}》` : ''}${periodLabelZh(period)}任务落实情况通报`,
  body: `${periodLabelZh(period)}各牵头单位进展报告情况已汇总，请查阅季度通报。`,
  titleEn: `Bulletin: ${documentTitle ?? 'document'} ${period}`,
  bodyEn: `The ${period} bulletin on report filing and task progress is ready.`,
});
