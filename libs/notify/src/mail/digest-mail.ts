import { periodLabelZh } from '@tracker/domain';
import {
  escapeHtml,
  MailMessage,
  mailAddress,
  MailRecipient,
  prefersEnglish,
} from './mail-message';

/** One line of a digest: a task (or report) with the date that matters and a link to it. */
export interface DigestItem {
  /** The task's document, so that tasks numbered alike in two documents are told apart. */
  documentTitle: string | null;
  taskLabel: string;
  heading: string;
  unitName: string | null;
  /** The date that matters (due, raised, returned), YYYY-MM-DD in Asia/Shanghai. */
  on: string;
  url: string;
  /** A short extra in both languages: the level of an escalation, the period of a report. */
  note?: { zh: string; en: string } | null;
}

export interface CycleProgress {
  documentTitle: string | null;
  period: string;
  dueOn: string;
  reports: number;
  submitted: number;
  accepted: number;
}

export interface DeferredNotice {
  title: string;
  titleEn: string | null;
  on: string;
  url: string;
}

/** The read model of one digest for one user; every list may be empty. */
export interface DigestModel {
  cadence: 'daily' | 'weekly';
  period: string;
  unitName: string | null;
  dueSoon: DigestItem[];
  overdue: DigestItem[];
  awaitingAck: DigestItem[];
  returned: DigestItem[];
  newEscalations: DigestItem[];
  cycles: CycleProgress[];
  raisedToLeaders: DigestItem[];
  /** Notices the user chose to receive in this digest rather than at once. */
  notices: DeferredNotice[];
  inboxUrl: string;
}

interface Section {
  zh: string;
  en: string;
  lines: { zh: string; en: string; url: string | null }[];
}

const item = (i: DigestItem, zhWhen: string, enWhen: string): Section['lines'][number] => ({
  zh: `${i.documentTitle ? `《${i.documentTitle}》` : ''}任务${i.taskLabel}“${i.heading}”${i.unitName ? `（${i.unitName}）` : ''}，${zhWhen}${i.on}${i.note ? `，${i.note.zh}` : ''}`,
  en: `Task ${i.taskLabel} "${i.heading}"${i.documentTitle ? ` of ${i.documentTitle}` : ''}${i.unitName ? ` (${i.unitName})` : ''}, ${enWhen} ${i.on}${i.note ? `, ${i.note.en}` : ''}`,
  url: i.url,
});

function sections(m: DigestModel): Section[] {
  const all: Section[] = [
    {
      zh: '十四日内到期',
      en: 'Due within 14 days',
      lines: m.dueSoon.map((i) => item(i, '到期', 'due')),
    },
    { zh: '已逾期', en: 'Overdue', lines: m.overdue.map((i) => item(i, '应于', 'was due')) },
    {
      zh: '待签收的配合任务',
      en: 'Awaiting your acknowledgement',
      lines: m.awaitingAck.map((i) => item(i, '分派于', 'assigned')),
    },
    {
      zh: '被退回需修改的报告',
      en: 'Reports returned for revision',
      lines: m.returned.map((i) => item(i, '退回于', 'returned')),
    },
    {
      zh: '新增督办与升级事项',
      en: 'New escalations',
      lines: m.newEscalations.map((i) => item(i, '提出于', 'raised')),
    },
    {
      zh: '本期报告进度',
      en: 'How far the current cycles have got',
      lines: m.cycles.map((c) => ({
        zh: `${c.documentTitle ? `《${c.documentTitle}》` : ''}${periodLabelZh(c.period)}：应报${c.reports}份，已报${c.submitted}份，已通过${c.accepted}份，截止${c.dueOn}`,
        en: `${c.documentTitle ?? 'Document'} ${c.period}: ${c.submitted} of ${c.reports} filed, ${c.accepted} accepted, due ${c.dueOn}`,
        url: null,
      })),
    },
    {
      zh: '提请领导小组研究的事项',
      en: 'Raised to the leading group',
      lines: m.raisedToLeaders.map((i) => item(i, '提请于', 'raised')),
    },
    {
      zh: '提醒汇总',
      en: 'Your notices',
      lines: m.notices.map((n) => ({
        zh: `${n.on} ${n.title}`,
        en: `${n.on} ${n.titleEn ?? n.title}`,
        url: n.url,
      })),
    },
  ];
  return all.filter((s) => s.lines.length > 0);
}

/** Composes a digest mail, or null when it has nothing to say (a digest with nothing to say is not sent). */
export function composeDigest(to: MailRecipient, m: DigestModel): MailMessage | null {
  const secs = sections(m);
  if (secs.length === 0) return null;
  const en = prefersEnglish(to.locale);
  const zhName = m.cadence === 'daily' ? '每日汇总' : '每周汇总';
  const enName = m.cadence === 'daily' ? 'Daily digest' : 'Weekly digest';
  const zhSubject = `【${zhName}】${m.unitName ?? '督查督办'} ${m.period}`;
  const enSubject = `${enName}: ${m.unitName ?? 'supervision'} ${m.period}`;
  const count = secs.reduce((n, s) => n + s.lines.length, 0);
  const text = (lang: 'zh' | 'en'): string =>
    [
      lang === 'zh' ? `${zhSubject}（共${count}项）` : `${enSubject} (${count} items)`,
      ...secs.flatMap((s) => [
        '',
        `■ ${s[lang]}`,
        ...s.lines.map((l) => `- ${l[lang]}${l.url ? `\n  ${l.url}` : ''}`),
      ]),
      '',
      lang === 'zh' ? `在系统中查看：${m.inboxUrl}` : `Open the tracker: ${m.inboxUrl}`,
    ].join('\n');
  const html = (lang: 'zh' | 'en'): string =>
    [
      `<section lang="${lang === 'zh' ? 'zh-CN' : 'en'}">`,
      `<h2>${escapeHtml(lang === 'zh' ? zhSubject : enSubject)}</h2>`,
      ...secs.map(
        (s) =>
          `<h3>${escapeHtml(s[lang])}</h3><ul>${s.lines
            .map(
              (l) =>
                `<li>${l.url ? `<a href="${escapeHtml(l.url)}">${escapeHtml(l[lang])}</a>` : escapeHtml(l[lang])}</li>`,
            )
            .join('')}</ul>`,
      ),
      `<p><a href="${escapeHtml(m.inboxUrl)}">${lang === 'zh' ? '在系统中查看' : 'Open the tracker'}</a></p>`,
      '</section>',
    ].join('');
  const order: ('zh' | 'en')[] = en ? ['en', 'zh'] : ['zh', 'en'];
  return {
    to: mailAddress(to),
    subject: en ? enSubject : zhSubject,
    text: `${text(order[0])}\n\n————————\n\n${text(order[1])}\n`,
    html: `<!doctype html><html><head><meta charset="utf-8"></head><body>${html(order[0])}<hr>${html(order[1])}</body></html>`,
  };
}
