// One task for the office and the leaders: its text, units, every unit's reports, notices and the
// whole history. The office reaches review and reassignment from here; leaders read only.
import * as api from '../api.js';
import { t, tf, periodText } from '../i18n.js';
import {
  askDialog,
  badge,
  dateTime,
  day,
  dueDay,
  empty,
  errorText,
  h,
  inputField,
  mount,
  section,
  table,
  toast,
} from '../ui.js';
import { noticeList } from './agency.js';
import { completionReview } from './lifecycle.js';
import { subtaskSection } from './subtasks.js';
import { breakdownCard } from './breakdown.js';
import { amendmentSection } from './amendments.js';

/** One line of the task's timeline: when, who (or the system for ladder rungs), what. */
export function historyItem(x) {
  const level =
    x.after && Number.isInteger(x.after.level)
      ? ` · ${t(`level.${x.after.level}`, tf('audit.level', { n: x.after.level }))}`
      : '';
  const unit = x.after && x.after.unitName ? ` · ${x.after.unitName}` : '';
  const subtask = x.after && x.after.subtaskId && x.after.title ? ` · ${x.after.title}` : '';
  return h(
    'li',
    {},
    h('time', { datetime: x.at }, dateTime(x.at)),
    ' ',
    x.actorName || t('task.system'),
    ' · ',
    t(`audit.${x.action}`, x.action),
    level,
    unit,
    subtask,
  );
}

export function historyList(history) {
  return history.length ? h('ol', { class: 'history' }, history.map(historyItem)) : empty('—');
}

export async function taskView(main, { id }, ctx) {
  const detail = await api.get(`/api/tasks/${id}`);
  const isOffice = ctx.me.roles.includes('office');
  // A completion request (办结申请) is verified here too, where the office's mail about it lands.
  const completion = isOffice ? await completionReview(id, ctx) : null;
  const subtasks = await subtaskSection(detail, ctx);
  const home = isOffice ? ['/office/cycles', t('cycles.title')] : ['/leader', t('nav.leader')];
  // 各地分解: only for a task given to a collective with quantitative targets.
  const breakdown = await breakdownCard(id, ctx);
  // 动态调整: the office's amendment form and everyone's version history.
  const amendments = await amendmentSection(detail, ctx);

  const head = h(
    'div',
    { class: 'page-head' },
    h(
      'p',
      { class: 'crumbs' },
      h('a', { href: home[0] }, home[1]),
      ' / ',
      detail.document.title || t('doc.untitled'),
      ' / ',
      detail.number,
    ),
    h('h1', {}, h('span', { class: 'num' }, detail.number), ' ', detail.heading),
    h(
      'p',
      { class: 'meta muted' },
      detail.document.title ? `《${detail.document.title}》` : '',
      detail.document.docNumber ? `（${detail.document.docNumber}）` : '',
      isOffice ? null : [' · ', t('task.readOnly')],
    ),
  );

  const facts = h(
    'dl',
    { class: 'facts' },
    h('dt', {}, t('task.deadline')),
    h(
      'dd',
      {},
      detail.deadlineOn ? day(`${detail.deadlineOn}T12:00:00+08:00`) : '—',
      detail.deadlineText ? ` · ${detail.deadlineText}` : '',
    ),
    h('dt', {}, t('task.leads')),
    h('dd', {}, detail.leadUnits.map((u) => u.name).join('、') || '—'),
    h('dt', {}, t('task.supports')),
    h('dd', {}, detail.supportUnits.map((u) => u.name).join('、') || '—'),
  );
  const body = detail.body ? h('p', { class: 'task-body' }, detail.body) : null;
  const targets = detail.targets.length
    ? h(
        'ul',
        { class: 'targets' },
        detail.targets.map((x) =>
          h(
            'li',
            {},
            x.text,
            x.value !== null ? ` — ${t('report.planned')} ${x.value}${x.unit || ''}` : '',
            x.by ? `（${x.by}）` : '',
          ),
        ),
      )
    : null;

  const units = section(
    t('task.units'),
    table(
      [t('task.col.unit'), t('task.col.role'), t('task.col.state'), ''],
      detail.assignments.map((a) =>
        h(
          'tr',
          {},
          h('td', {}, a.unit.name),
          h('td', {}, badge('role', a.role)),
          h(
            'td',
            {},
            badge('ack', a.state),
            a.acknowledgedAt
              ? h('span', { class: 'muted small' }, ` ${dateTime(a.acknowledgedAt)}`)
              : null,
            a.declineReason
              ? h('div', { class: 'muted small' }, `${t('task.declineReason')}：${a.declineReason}`)
              : null,
          ),
          h(
            'td',
            {},
            isOffice && a.state === 'declined'
              ? h('a', { href: '/office/declines', class: 'btn small' }, t('task.reassign'))
              : null,
            isOffice &&
              detail.state === 'open' &&
              (a.state === 'pending' || a.state === 'acknowledged')
              ? h(
                  'button',
                  {
                    type: 'button',
                    class: 'btn small',
                    'aria-label': tf('urge.buttonFor', { unit: a.unit.name }),
                    onclick: () => urge(detail, a, ctx),
                  },
                  t('urge.button'),
                )
              : null,
          ),
        ),
      ),
    ),
  );

  const reports = section(
    t('task.reports'),
    detail.reports.length
      ? table(
          [
            t('task.col.period'),
            t('task.col.unit'),
            t('task.col.report'),
            t('task.col.due'),
            t('task.col.submitted'),
            '',
          ],
          detail.reports.map((r) =>
            h(
              'tr',
              {},
              h('td', {}, periodText(r.period)),
              h('td', {}, r.unit.name),
              h(
                'td',
                {},
                badge('report', r.state),
                r.progressPercent !== null && r.progressPercent !== undefined
                  ? h('span', { class: 'muted small' }, ` ${r.progressPercent}%`)
                  : null,
              ),
              h('td', {}, dueDay(r.dueAt)),
              h('td', {}, r.submittedAt ? dateTime(r.submittedAt) : '—'),
              h(
                'td',
                {},
                isOffice
                  ? h(
                      'a',
                      { href: `/office/reports/${r.id}`, class: 'btn small' },
                      r.state === 'submitted' ? t('task.review') : t('task.viewReport'),
                    )
                  : null,
                ' ',
                r.hasBulletin
                  ? h('a', { href: `/bulletins/${r.cycleId}`, class: 'small' }, t('task.bulletin'))
                  : null,
              ),
            ),
          ),
        )
      : empty(t('task.noReports')),
  );

  mount(
    main,
    head,
    h(
      'div',
      { class: 'grid-2' },
      h(
        'div',
        {},
        section(t('task.about'), facts, body, targets),
        completion,
        units,
        subtasks,
        breakdown,
        amendments,
        reports,
      ),
      h(
        'div',
        {},
        section(
          t('nav.noticesAll'),
          detail.notices.length ? noticeList(detail.notices) : empty(t('notices.none')),
        ),
        section(t('task.timeline'), historyList(detail.history)),
      ),
    ),
  );
}

/** 催办: one click and an optional comment; the unit is mailed at once, once a day per task and unit. */
async function urge(detail, a, ctx) {
  const values = await askDialog({
    title: tf('urge.title', { unit: a.unit.name, task: detail.number }),
    fields: [
      { name: 'info', el: h('p', { class: 'muted small' }, t('urge.hint')), value: () => null },
      inputField('comment', t('urge.comment'), { multiline: true, maxlength: 2000 }),
    ],
    submitLabel: t('urge.submit'),
  });
  if (!values) return;
  try {
    await api.post(
      `/api/tasks/${detail.id}/urgings`,
      values.comment ? { unitId: a.unit.id, comment: values.comment } : { unitId: a.unit.id },
    );
    toast(tf('urge.done', { unit: a.unit.name }));
    await ctx.refresh();
  } catch (err) {
    toast(errorText(err), 'error');
  }
}
