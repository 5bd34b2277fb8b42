import { NoticeKind } from '@tracker/domain';
import {
  escapeHtml,
  MailMessage,
  mailAddress,
  MailRecipient,
  prefersEnglish,
} from './mail-message';

/** What the notice mail needs: the stored notice texts and the links built by the caller. */
export interface NoticeMailModel {
  kind: NoticeKind;
  title: string;
  body: string;
  titleEn: string | null;
  bodyEn: string | null;
  /** `${publicUrl}/tasks/<id>` when the notice is about a task. */
  taskUrl: string | null;
  /** `${publicUrl}/bulletins/<cycleId>` when the notice announces a bulletin. */
  bulletinUrl?: string | null;
  /** A single-use acknowledge link for a supporting unit's member. */
  acknowledgeUrl: string | null;
  acknowledgeExpiresOn: string | null;
  /** The page a notice not about a task opens (an account on the admin page, one's own password page). */
  pageUrl?: string | null;
  /** The office's inbox: where the notice can also be read. */
  inboxUrl: string;
}

/** What the link of a notice's own page says, by kind. */
const PAGE_LABEL_ZH: Partial<Record<NoticeKind, string>> = {
  password_help: '打开账号管理，重置该账号密码',
  password_reset: '登录后修改密码',
};
const PAGE_LABEL_EN: Partial<Record<NoticeKind, string>> = {
  password_help: 'Open the account on the accounts page to reset its password',
  password_reset: 'Sign in and change your password',
};

interface Block {
  title: string;
  body: string;
  task: string;
  bulletin: string;
  ack: string;
  page: string;
  ackExpires: (day: string) => string;
  inbox: string;
  footer: string;
}

const ZH = (m: NoticeMailModel): Block => ({
  title: m.title,
  body: m.body,
  task: '查看任务',
  bulletin: '查看通报',
  ack: '一键签收（仅限本人、本任务使用一次）',
  page: PAGE_LABEL_ZH[m.kind] ?? '打开页面',
  ackExpires: (d) => `链接有效期至${d}。`,
  inbox: '在系统中查看全部提醒',
  footer: '本邮件由督查督办任务责任追踪系统自动发送，请勿直接回复。',
});

const EN = (m: NoticeMailModel): Block => ({
  title: m.titleEn ?? m.title,
  body: m.bodyEn ?? m.body,
  task: 'Open the task',
  bulletin: 'Open the bulletin',
  ack: 'Acknowledge now (one use, for you and this task only)',
  page: PAGE_LABEL_EN[m.kind] ?? 'Open the page',
  ackExpires: (d) => `The link expires on ${d}.`,
  inbox: 'All your notices in the tracker',
  footer: 'Sent automatically by the task-responsibility tracker; please do not reply.',
});

function textBlock(b: Block, m: NoticeMailModel): string {
  const lines = [b.title, '', b.body, ''];
  if (m.taskUrl) lines.push(`${b.task}: ${m.taskUrl}`);
  if (m.bulletinUrl) lines.push(`${b.bulletin}: ${m.bulletinUrl}`);
  if (m.pageUrl) lines.push(`${b.page}: ${m.pageUrl}`);
  if (m.acknowledgeUrl)
    lines.push(
      `${b.ack}: ${m.acknowledgeUrl}`,
      m.acknowledgeExpiresOn ? b.ackExpires(m.acknowledgeExpiresOn) : '',
    );
  lines.push(`${b.inbox}: ${m.inboxUrl}`);
  return lines.filter((l, i, all) => !(l === '' && all[i - 1] === '')).join('\n');
}

function htmlBlock(b: Block, m: NoticeMailModel, lang: string): string {
  const link = (href: string, label: string): string =>
    `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
  return [
    `<section lang="${lang}">`,
    `<h2>${escapeHtml(b.title)}</h2>`,
    `<p>${escapeHtml(b.body)}</p>`,
    m.taskUrl ? `<p>${link(m.taskUrl, b.task)}</p>` : '',
    m.bulletinUrl ? `<p>${link(m.bulletinUrl, b.bulletin)}</p>` : '',
    m.pageUrl ? `<p>${link(m.pageUrl, b.page)}</p>` : '',
    m.acknowledgeUrl
      ? `<p>${link(m.acknowledgeUrl, b.ack)}${m.acknowledgeExpiresOn ? ` ${escapeHtml(b.ackExpires(m.acknowledgeExpiresOn))}` : ''}</p>`
      : '',
    `<p>${link(m.inboxUrl, b.inbox)}</p>`,
    '</section>',
  ].join('');
}

/** One notice as a mail: subject in the reader's first language, both languages in the body. */
export function renderNoticeMail(to: MailRecipient, m: NoticeMailModel): MailMessage {
  const [first, second] = prefersEnglish(to.locale) ? [EN(m), ZH(m)] : [ZH(m), EN(m)];
  const langs = prefersEnglish(to.locale) ? ['en', 'zh-CN'] : ['zh-CN', 'en'];
  return {
    to: mailAddress(to),
    subject: first.title,
    text: [
      textBlock(first, m),
      '',
      '———— English ————'.replace('English', langs[1] === 'en' ? 'English' : '中文'),
      '',
      textBlock(second, m),
      '',
      first.footer,
      second.footer,
    ].join('\n'),
    html: [
      '<!doctype html><html><head><meta charset="utf-8"></head><body>',
      htmlBlock(first, m, langs[0]),
      '<hr>',
      htmlBlock(second, m, langs[1]),
      `<p style="color:#888">${escapeHtml(first.footer)}<br>${escapeHtml(second.footer)}</p>`,
      '</body></html>',
    ].join(''),
  };
}
