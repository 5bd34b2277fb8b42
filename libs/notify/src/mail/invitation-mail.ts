import { escapeHtml, MailMessage } from './mail-message';

/** What an account invitation's mail says: the unit, the document it came with, who invited, the link. */
export interface InvitationMailModel {
  email: string;
  unitName: string;
  documentTitle: string | null;
  inviterName: string | null;
  welcomeUrl: string;
  /** The Asia/Shanghai day the link expires (YYYY-MM-DD). */
  expiresOn: string;
}

const FOOTER_ZH =
  '本邮件由督查督办任务责任追踪系统自动发送，请勿直接回复。如您不是该单位的工作人员，请忽略本邮件。';
const FOOTER_EN =
  'Sent automatically by the task-responsibility tracker; please do not reply. If you do not work for this unit, ignore this mail.';

function zh(m: InvitationMailModel): string[] {
  return [
    `${m.unitName}：`,
    `${m.inviterName ?? '领导小组办公室'}邀请您开通本单位在督查督办系统中的账号${m.documentTitle ? `，以办理《${m.documentTitle}》中本单位承担的任务` : ''}。`,
    '请打开下面的链接，设置用户名和密码；设置后即以本单位身份登录，并看到本单位的任务。',
    `链接仅可使用一次，有效期至${m.expiresOn}。`,
  ];
}

function en(m: InvitationMailModel): string[] {
  return [
    `To ${m.unitName}:`,
    `${m.inviterName ?? 'The leading-group office'} invites you to open your unit's account in the supervision tracker${m.documentTitle ? `, to work on your unit's tasks under “${m.documentTitle}”` : ''}.`,
    'Open the link below and choose a username and a password; you are then signed in for your unit and see its tasks.',
    `The link works once and expires on ${m.expiresOn}.`,
  ];
}

/** The invitation mail: Chinese first, then English; one link to the welcome page. */
export function renderInvitationMail(m: InvitationMailModel): MailMessage {
  const zhLines = zh(m);
  const enLines = en(m);
  const link = (label: string): string =>
    `<p><a href="${escapeHtml(m.welcomeUrl)}">${escapeHtml(label)}</a></p>`;
  return {
    to: m.email,
    subject: `邀请开通账号：${m.unitName}（督查督办系统）`,
    text: [
      ...zhLines,
      '',
      `设置账号：${m.welcomeUrl}`,
      '',
      '———— English ————',
      '',
      ...enLines,
      '',
      `Set up the account: ${m.welcomeUrl}`,
      '',
      FOOTER_ZH,
      FOOTER_EN,
    ].join('\n'),
    html: [
      '<!doctype html><html><head><meta charset="utf-8"></head><body>',
      '<section lang="zh-CN">',
      ...zhLines.map((l) => `<p>${escapeHtml(l)}</p>`),
      link('设置账号'),
      '</section>',
      '<hr>',
      '<section lang="en">',
      ...enLines.map((l) => `<p>${escapeHtml(l)}</p>`),
      link('Set up the account'),
      '</section>',
      `<p style="color:#888">${escapeHtml(FOOTER_ZH)}<br>${escapeHtml(FOOTER_EN)}</p>`,
      '</body></html>',
    ].join(''),
  };
}
