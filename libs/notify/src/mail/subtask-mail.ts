import { escapeHtml, MailMessage } from './mail-message';

/** What a sub-task's owner is told: the task, the part handed down, its deadline and share. */
export interface SubtaskMailModel {
  email: string;
  ownerName: string;
  leadUnitName: string;
  documentTitle: string | null;
  taskLabel: string;
  taskHeading: string;
  title: string;
  dueOn: string;
  /** The sub-task's share of the task's targets, e.g. "新建5G基站 60个". */
  shares: string[];
  note: string | null;
}

const FOOTER_ZH = '本邮件由督查督办任务责任追踪系统自动发送，请勿直接回复；进展请报牵头单位。';
const FOOTER_EN =
  'Sent automatically by the task-responsibility tracker; please do not reply. Report progress to the lead unit.';

function zh(m: SubtaskMailModel): string[] {
  return [
    `${m.ownerName}：`,
    `${m.leadUnitName}将${m.documentTitle ? `《${m.documentTitle}》` : ''}任务${m.taskLabel}“${m.taskHeading}”的一部分分解交由您办理：`,
    `子任务：${m.title}`,
    `完成期限：${m.dueOn}`,
    ...(m.shares.length ? [`分解目标：${m.shares.join('；')}`] : []),
    ...(m.note ? [`备注：${m.note}`] : []),
    '请按期推进，并向牵头单位报告进展。',
  ];
}

function en(m: SubtaskMailModel): string[] {
  return [
    `To ${m.ownerName}:`,
    `${m.leadUnitName} hands you a part of task ${m.taskLabel} "${m.taskHeading}"${m.documentTitle ? ` of ${m.documentTitle}` : ''}:`,
    `Sub-task: ${m.title}`,
    `Deadline: ${m.dueOn}`,
    ...(m.shares.length ? [`Share of the targets: ${m.shares.join('; ')}`] : []),
    ...(m.note ? [`Note: ${m.note}`] : []),
    'Please carry it out on time and report progress to the lead unit.',
  ];
}

/** The sub-task mail: Chinese first, then English. */
export function renderSubtaskMail(m: SubtaskMailModel): MailMessage {
  const zhLines = zh(m);
  const enLines = en(m);
  return {
    to: m.email,
    subject: `【分解下达】${m.title}（任务${m.taskLabel}）`,
    text: [...zhLines, '', '———— English ————', '', ...enLines, '', FOOTER_ZH, FOOTER_EN].join(
      '\n',
    ),
    html: [
      '<!doctype html><html><head><meta charset="utf-8"></head><body>',
      '<section lang="zh-CN">',
      ...zhLines.map((l) => `<p>${escapeHtml(l)}</p>`),
      '</section>',
      '<hr>',
      '<section lang="en">',
      ...enLines.map((l) => `<p>${escapeHtml(l)}</p>`),
      '</section>',
      `<p style="color:#888">${escapeHtml(FOOTER_ZH)}<br>${escapeHtml(FOOTER_EN)}</p>`,
      '</body></html>',
    ].join(''),
  };
}
