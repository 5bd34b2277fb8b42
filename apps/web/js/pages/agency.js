// Agency pages: my tasks (lead / support) with RAG, one task (acknowledge, decline, report, extension), my notices.
import * as api from '../api.js';
import { isFileable, lang, t, tf, periodText } from '../i18n.js';
import {
  askDialog,
  badge,
  dateTime,
  day,
  dueDay,
  empty,
  errorBox,
  field,
  h,
  inputField,
  moreButton,
  mount,
  rag,
  section,
  table,
  toast,
} from '../ui.js';
import { currentReport, RAG_ORDER } from '../status.js';
import { historyList } from './task-view.js';
import { ackAllButton, completionSection } from './lifecycle.js';
import { evidenceSection } from './evidence.js';
import { draftFromSubtasks, subtaskSection } from './subtasks.js';
import { myShares } from './breakdown.js';

/** A page of my tasks in one request: each item carries its current report and its colour, both from the server. */
const MY_TASKS_PAGE = 100;
async function myTaskRows(role, page) {
  const res = await api.get(
    `/api/me/tasks${api.qs({ role, page, pageSize: MY_TASKS_PAGE, sort: 'deadline' })}`,
  );
  const rows = res.items.map((item) => ({
    ...item,
    report: item.currentReport || null,
    status: item.status.colour,
    why: `rag.why.${item.status.reason}`,
  }));
  return { rows, total: res.total, page: res.page };
}

function taskLink(task) {
  return h(
    'a',
    { href: `/tasks/${task.id}`, class: 'task-link' },
    h('span', { class: 'num' }, task.number),
    ' ',
    task.heading,
  );
}

export async function myTasks(main, _params, ctx) {
  const params = new URLSearchParams(location.search);
  const role = params.get('role') || '';
  const pageNo = Math.max(1, Number(params.get('page')) || 1);
  const { rows, total } = await myTaskRows(role, pageNo);
  const pages = Math.max(1, Math.ceil(total / MY_TASKS_PAGE));
  const pageHref = (n) =>
    `/tasks${api.qs({ role: role || undefined, page: n > 1 ? n : undefined })}`;
  const pager =
    pages > 1
      ? h(
          'nav',
          { class: 'actions compact pager', 'aria-label': t('admin.pages') },
          tf('tasks.pageOf', { page: pageNo, pages, total }),
          pageNo > 1
            ? h('a', { class: 'btn small', href: pageHref(pageNo - 1) }, t('admin.prev'))
            : null,
          pageNo < pages
            ? h('a', { class: 'btn small', href: pageHref(pageNo + 1) }, t('admin.next'))
            : null,
        )
      : null;
  rows.sort(
    (a, b) =>
      RAG_ORDER[a.status] - RAG_ORDER[b.status] ||
      String(a.report?.dueAt || a.task.deadlineOn || '9').localeCompare(
        String(b.report?.dueAt || b.task.deadlineOn || '9'),
      ),
  );
  const counts = { red: 0, amber: 0, green: 0 };
  for (const r of rows) counts[r.status] += 1;
  const pendingAck = rows.filter((r) => r.assignment.state === 'pending').length;
  const tabs = [
    ['', 'tasks.all'],
    ['lead', 'tasks.lead'],
    ['support', 'tasks.support'],
  ];

  const ackButton = (r) =>
    r.assignment.state === 'pending'
      ? h(
          'div',
          { class: 'row-actions' },
          h(
            'button',
            {
              type: 'button',
              class: 'btn primary small',
              'aria-label': `${t('task.acknowledge')} ${r.task.number}`,
              onclick: () => acknowledge(r.assignment.id, ctx),
            },
            t('task.acknowledge'),
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'btn small',
              'aria-label': `${t('task.decline')} ${r.task.number}`,
              onclick: () => decline(r.assignment.id, ctx),
            },
            t('task.decline'),
          ),
        )
      : badge('ack', r.assignment.state);

  const tableRows = rows.map((r) =>
    h(
      'tr',
      { class: `rag-row-${r.status}`, dataset: { taskId: r.task.id } },
      h('td', {}, rag(r.status, t(r.why))),
      h(
        'td',
        { class: 'task-cell' },
        taskLink(r.task),
        h('div', { class: 'muted small' }, r.task.documentTitle || ''),
      ),
      h('td', {}, badge('role', r.assignment.role)),
      h(
        'td',
        {},
        r.task.deadlineOn ? day(`${r.task.deadlineOn}T12:00:00+08:00`) : r.task.deadlineText || '—',
      ),
      h(
        'td',
        {},
        r.report
          ? h(
              'span',
              {},
              badge('report', r.report.state),
              h(
                'div',
                { class: 'muted small' },
                `${periodText(r.report.period)} · ${t('common.due')} ${dueDay(r.report.dueAt)}`,
              ),
            )
          : '—',
      ),
      h('td', {}, ackButton(r)),
    ),
  );

  const cards = rows.map((r) =>
    h(
      'li',
      { class: `task-card rag-row-${r.status}` },
      h(
        'div',
        { class: 'task-card-head' },
        rag(r.status, t(r.why)),
        badge('role', r.assignment.role),
      ),
      h('p', { class: 'task-card-title' }, taskLink(r.task)),
      h(
        'p',
        { class: 'muted small' },
        `${t('task.deadline')}：${r.task.deadlineOn || r.task.deadlineText || '—'}`,
        r.report
          ? ` · ${periodText(r.report.period)} ${t(`state.report.${r.report.state}`)} · ${t('common.due')} ${dueDay(r.report.dueAt)}`
          : '',
      ),
      h('p', { class: 'muted small' }, t(r.why)),
      ackButton(r),
    ),
  );

  mount(
    main,
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, t('tasks.title')),
      h(
        'p',
        { class: 'muted' },
        tf(pages > 1 ? 'tasks.summaryPaged' : 'tasks.summary', {
          n: total,
          red: counts.red,
          amber: counts.amber,
          green: counts.green,
          ack: pendingAck,
        }),
      ),
    ),
    ackAllButton(rows, ctx),
    h(
      'div',
      { class: 'tabs', role: 'navigation', 'aria-label': t('tasks.filter') },
      tabs.map(([value, key]) =>
        h(
          'a',
          {
            href: value ? `/tasks?role=${value}` : '/tasks',
            class: 'tab',
            'aria-current': role === value ? 'page' : null,
          },
          t(key),
        ),
      ),
    ),
    h(
      'div',
      { class: 'legend', 'aria-hidden': 'true' },
      rag('red'),
      ' ',
      t('rag.legend.red'),
      ' · ',
      rag('amber'),
      ' ',
      t('rag.legend.amber'),
      ' · ',
      rag('green'),
      ' ',
      t('rag.legend.green'),
    ),
    rows.length
      ? [
          table(
            [
              t('tasks.col.status'),
              t('tasks.col.task'),
              t('tasks.col.role'),
              t('tasks.col.deadline'),
              t('tasks.col.report'),
              t('tasks.col.ack'),
            ],
            tableRows,
            'wide-only',
          ),
          h('ul', { class: 'cards narrow-only' }, cards),
          pager,
        ]
      : empty(t('tasks.none')),
  );
}

async function acknowledge(assignmentId, ctx) {
  try {
    await api.post(`/api/assignments/${assignmentId}/acknowledge`);
    toast(t('task.acknowledged'));
    await ctx.refresh();
  } catch (err) {
    toast(errorText(err), 'error');
  }
}

async function decline(assignmentId, ctx) {
  const reason = inputField('reason', t('task.declineReason'), {
    multiline: true,
    required: true,
    maxlength: 2000,
  });
  const values = await askDialog({
    title: t('task.declineTitle'),
    fields: [reason],
    submitLabel: t('task.decline'),
    danger: true,
  });
  if (!values) return;
  try {
    await api.post(`/api/assignments/${assignmentId}/decline`, { reason: values.reason });
    toast(t('task.declined'));
    await ctx.refresh();
  } catch (err) {
    toast(errorText(err), 'error');
  }
}

function errorText(err) {
  return err && (err.message || String(err));
}

export async function taskPage(main, { id }, ctx) {
  const [detail, extensions] = await Promise.all([
    api.get(`/api/tasks/${id}`),
    api.get('/api/extensions').catch(() => []),
  ]);
  // The task's own answer names the assignment of my unit (or of a former name of it).
  const assignment = detail.assignments.find((a) => a.id === detail.yourAssignmentId) || null;
  // A unit that declined the task keeps its page (what it declined and why) but has no report to
  // work on: the server names none then.
  const reportRef = assignment ? currentReport(detail) : null;
  const report = reportRef
    ? await api.get(`/api/reports/${reportRef.id}`).catch((err) => {
        if (err.status === 404) return null;
        throw err;
      })
    : null;
  const [status, why] = detail.yourStatus
    ? [detail.yourStatus.colour, `rag.why.${detail.yourStatus.reason}`]
    : ['green', 'rag.why.onTrack'];
  const isLead = assignment && assignment.role === 'lead';
  // A member of a collective reports against its own share of each target (各地分解).
  detail.myShares = isLead ? await myShares(id, assignment.unit.id) : new Map();

  const head = h(
    'div',
    { class: 'page-head' },
    h('p', { class: 'crumbs' }, h('a', { href: '/tasks' }, t('tasks.title')), ' / ', detail.number),
    h('h1', {}, h('span', { class: 'num' }, detail.number), ' ', detail.heading),
    h(
      'div',
      { class: 'meta' },
      rag(status, t(why)),
      ' ',
      assignment ? badge('role', assignment.role) : null,
      ' ',
      h('span', { class: 'muted' }, t(why)),
    ),
  );

  const facts = h(
    'dl',
    { class: 'facts' },
    h('dt', {}, t('task.document')),
    h(
      'dd',
      {},
      detail.document.title || '—',
      detail.document.docNumber ? `（${detail.document.docNumber}）` : '',
    ),
    h('dt', {}, t('task.deadline')),
    h('dd', {}, detail.deadlineOn || '—', detail.deadlineText ? ` · ${detail.deadlineText}` : ''),
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
        detail.targets.map((x, i) =>
          h(
            'li',
            {},
            x.text,
            x.value !== null ? ` — ${t('report.planned')} ${x.value}${x.unit || ''}` : '',
            x.by ? `（${x.by}）` : '',
            shareOf(detail, i)
              ? h(
                  'strong',
                  { class: 'my-share' },
                  ` · ${t('breakdown.myTarget')} ${shareOf(detail, i).value}${shareOf(detail, i).measure || x.unit || ''}`,
                )
              : null,
          ),
        ),
      )
    : null;

  const ack = assignment
    ? section(
        t('task.ackTitle'),
        h(
          'p',
          {},
          badge('ack', assignment.state),
          ' ',
          assignment.acknowledgedAt
            ? `${t('task.ackAt')} ${dateTime(assignment.acknowledgedAt)}`
            : '',
          assignment.declineReason
            ? ` · ${t('task.declineReason')}：${assignment.declineReason}`
            : '',
        ),
        assignment.state === 'pending'
          ? h(
              'div',
              { class: 'actions' },
              h(
                'button',
                {
                  type: 'button',
                  class: 'btn primary',
                  onclick: () => acknowledge(assignment.id, ctx),
                },
                t('task.acknowledge'),
              ),
              h(
                'button',
                { type: 'button', class: 'btn', onclick: () => decline(assignment.id, ctx) },
                t('task.decline'),
              ),
            )
          : null,
      )
    : null;

  let reportSection = null;
  if (report && isLead)
    reportSection = isFileable(report.state)
      ? reportForm(report, detail, ctx)
      : reportView(report, detail);
  else if (report) reportSection = contributionForm(report, ctx);

  const myExtensions = report ? extensions.filter((x) => x.reportId === report.id) : [];
  const extSection =
    report && isLead && isFileable(report.state)
      ? extensionForm(report, myExtensions, ctx)
      : myExtensions.length
        ? extensionList(myExtensions)
        : null;

  const notices = detail.notices.filter(
    (n) =>
      !n.unit ||
      !ctx.me.unit ||
      n.unit.id === ctx.me.unit.id ||
      detail.assignments.some((a) => a.unit.id === n.unit.id && a.id === assignment?.id),
  );
  const noticeSection = section(
    t('nav.notices'),
    notices.length ? noticeList(notices) : empty(t('notices.none')),
  );

  const history = h(
    'details',
    { class: 'card' },
    h('summary', {}, t('task.history')),
    historyList(detail.history),
  );

  const completion = await completionSection(id, report, isLead, ctx);
  const evidence = report ? await evidenceSection(report.id, { canAttach: true, ctx }) : null;
  const subtasks =
    assignment && assignment.state !== 'declined' ? await subtaskSection(detail, ctx) : null;
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
        subtasks,
        reportSection,
        evidence,
        extSection,
      ),
      h('div', {}, completion, ack, noticeSection, history),
    ),
  );
}

function reportView(report, detail) {
  return section(
    `${t('report.title')} ${periodText(report.period)}`,
    h(
      'p',
      {},
      badge('report', report.state),
      ' ',
      report.submittedAt ? `${t('report.submittedAt')} ${dateTime(report.submittedAt)}` : '',
    ),
    report.reviewComment
      ? h('p', { class: 'alert info' }, `${t('report.reviewComment')}：${report.reviewComment}`)
      : null,
    reportFacts(report, detail),
  );
}

/** The unit's own share of target `i` from the task's breakdown table, if it has one. */
const shareOf = (detail, i) => (detail && detail.myShares ? detail.myShares.get(i) : undefined);

/** A report's values by target position; values stored before positions were kept match by text, in order. */
export function valuesByTarget(report, detail) {
  const targets = detail?.targets || [];
  const out = new Map();
  for (const v of report.targetValues || []) {
    const i = Number.isInteger(v.index)
      ? v.index
      : targets.findIndex((x, k) => x.text === v.target && !out.has(k));
    if (i >= 0 && !out.has(i)) out.set(i, v);
  }
  return out;
}

export function reportFacts(report, detail) {
  const targets = detail?.targets || [];
  const values = valuesByTarget(report, detail);
  const rows = targets.length
    ? targets.map((p, i) => ({ p, v: values.get(i) }))
    : (report.targetValues || []).map((v) => ({ p: null, v }));
  return [
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, t('report.progressStatus')),
      h('dd', {}, report.progressStatus ? t(`progress.${report.progressStatus}`) : '—'),
      h('dt', {}, t('report.progressPercent')),
      h(
        'dd',
        {},
        report.progressPercent !== null && report.progressPercent !== undefined
          ? `${report.progressPercent}%`
          : '—',
      ),
      h('dt', {}, t('report.narrative')),
      h('dd', { class: 'pre' }, report.narrative || '—'),
      h('dt', {}, t('report.problems')),
      h('dd', { class: 'pre' }, report.problems || '—'),
      h('dt', {}, t('report.nextSteps')),
      h('dd', { class: 'pre' }, report.nextSteps || '—'),
    ),
    (report.targetValues || []).length
      ? table(
          [t('report.target'), t('report.planned'), t('report.reported')],
          rows.map(({ p, v }) =>
            h(
              'tr',
              {},
              h('td', {}, p ? p.text : v.target),
              h(
                'td',
                {},
                shareOf(detail, p ? targets.indexOf(p) : -1)
                  ? `${shareOf(detail, targets.indexOf(p)).value}${p.unit || ''}（${t('breakdown.myTarget')}）`
                  : p && p.value !== null
                    ? `${p.value}${p.unit || ''}`
                    : '—',
              ),
              h(
                'td',
                {},
                v && v.value !== null && v.value !== undefined ? `${v.value}${p?.unit || ''}` : '—',
              ),
            ),
          ),
        )
      : null,
    (report.contributions || []).length
      ? h(
          'div',
          {},
          h('h3', {}, t('report.contributions')),
          h(
            'ul',
            {},
            report.contributions.map((c) => h('li', {}, h('strong', {}, c.unitName), '：', c.text)),
          ),
        )
      : null,
  ];
}

function reportForm(report, detail, ctx) {
  const status = h(
    'select',
    { name: 'progressStatus' },
    h('option', { value: '' }, '—'),
    ['on_track', 'at_risk', 'delayed', 'completed'].map((s) =>
      h('option', { value: s, selected: report.progressStatus === s }, t(`progress.${s}`)),
    ),
  );
  const percent = h('input', {
    name: 'progressPercent',
    type: 'number',
    min: 0,
    max: 100,
    step: 1,
    inputmode: 'numeric',
    value: report.progressPercent ?? '',
  });
  const narrative = h(
    'textarea',
    { name: 'narrative', rows: 5, maxlength: 20000, required: true },
    report.narrative || '',
  );
  const problems = h(
    'textarea',
    { name: 'problems', rows: 3, maxlength: 20000 },
    report.problems || '',
  );
  const next = h(
    'textarea',
    { name: 'nextSteps', rows: 3, maxlength: 20000 },
    report.nextSteps || '',
  );
  const known = valuesByTarget(report, detail);
  const targetInputs = detail.targets.map((x, i) => {
    const input = h('input', {
      name: `target-${i}`,
      type: 'number',
      step: 'any',
      inputmode: 'decimal',
      value: known.get(i)?.value ?? '',
      'aria-describedby': `target-${i}-plan`,
    });
    return {
      index: i,
      target: x.text,
      input,
      el: h(
        'div',
        { class: 'field target-field' },
        h('label', { for: `target-${i}` }, x.text),
        h(
          'div',
          { class: 'with-unit' },
          ((input.id = `target-${i}`), input),
          h('span', { class: 'unit' }, x.unit || ''),
        ),
        h(
          'small',
          { class: 'hint', id: `target-${i}-plan` },
          shareOf(detail, i)
            ? [
                h(
                  'strong',
                  { class: 'my-share' },
                  `${t('breakdown.myTarget')} ${shareOf(detail, i).value}${shareOf(detail, i).measure || x.unit || ''}`,
                ),
                x.value !== null
                  ? ` · ${t('breakdown.wholeTask')} ${x.value}${x.unit || ''}${x.by ? `（${x.by}）` : ''}`
                  : '',
              ]
            : x.value !== null
              ? `${t('report.planned')} ${x.value}${x.unit || ''}${x.by ? `（${x.by}）` : ''}`
              : '',
        ),
      ),
    };
  });
  const status$ = h('div', { 'aria-live': 'polite' });
  const content = () => {
    const out = {
      narrative: narrative.value.trim() || undefined,
      problems: problems.value.trim() || undefined,
      nextSteps: next.value.trim() || undefined,
      targetValues: targetInputs.map((x) => ({
        index: x.index,
        target: x.target,
        value: x.input.value === '' ? null : Number(x.input.value),
      })),
    };
    if (status.value) out.progressStatus = status.value;
    if (percent.value !== '') out.progressPercent = Number(percent.value);
    return out;
  };
  const run = async (kind) => {
    status$.replaceChildren();
    try {
      if (kind === 'submit') {
        await api.post(`/api/reports/${report.id}/submit`, content());
        toast(t('report.submitted'));
        await ctx.refresh();
      } else {
        await api.put(`/api/reports/${report.id}/draft`, content());
        toast(t('report.saved'));
        status$.append(h('p', { class: 'alert ok' }, t('report.saved')));
      }
    } catch (err) {
      status$.append(errorBox(err));
    }
  };
  // 汇总子任务进展: the server rolls the sub-tasks up; the form takes it in, and nothing is saved
  // until the lead saves the draft or submits.
  const fillFromSubtasks = async () => {
    status$.replaceChildren();
    try {
      const draft = await draftFromSubtasks(report.id);
      if (!draft.subtaskCount) {
        status$.append(h('p', { class: 'alert info' }, t('subtasks.noneToRollUp')));
        return;
      }
      narrative.value = draft.narrative;
      for (const v of draft.targetValues) {
        const x = targetInputs.find((y) => y.index === v.index);
        if (x) x.input.value = String(v.value);
      }
      status$.append(h('p', { class: 'alert ok' }, t('subtasks.rolledUp')));
    } catch (err) {
      status$.append(errorBox(err));
    }
  };
  const form = h(
    'form',
    {
      class: 'report-form',
      'aria-label': t('report.title'),
      onsubmit: (e) => {
        e.preventDefault();
        if (form.reportValidity()) run('submit');
      },
    },
    report.state === 'returned' && report.reviewComment
      ? h(
          'p',
          { class: 'alert warn', role: 'note' },
          h('strong', {}, t('report.returnedBecause')),
          ' ',
          report.reviewComment,
        )
      : null,
    h(
      'div',
      { class: 'two' },
      field(t('report.progressStatus'), status),
      field(t('report.progressPercent'), percent),
    ),
    targetInputs.length
      ? h(
          'fieldset',
          {},
          h('legend', {}, t('report.targets')),
          targetInputs.map((x) => x.el),
        )
      : null,
    field(t('report.narrative'), narrative),
    field(t('report.problems'), problems),
    field(t('report.nextSteps'), next),
    (report.contributions || []).length
      ? h(
          'div',
          { class: 'contribs' },
          h('h3', {}, t('report.contributions')),
          h(
            'ul',
            {},
            report.contributions.map((c) => h('li', {}, h('strong', {}, c.unitName), '：', c.text)),
          ),
        )
      : null,
    status$,
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { type: 'button', class: 'btn', onclick: fillFromSubtasks },
        t('subtasks.rollUp'),
      ),
      h(
        'button',
        { type: 'button', class: 'btn', onclick: () => run('draft') },
        t('report.saveDraft'),
      ),
      h(
        'button',
        { type: 'submit', class: 'btn primary' },
        report.state === 'returned' ? t('report.resubmit') : t('report.submit'),
      ),
    ),
  );
  return section(
    `${t('report.title')} ${periodText(report.period)}`,
    h(
      'p',
      {},
      badge('report', report.state),
      ' ',
      `${t('common.due')} ${dueDay(report.dueAt)}`,
      report.revision ? ` · ${tf('report.revision', { n: report.revision })}` : '',
    ),
    form,
  );
}

function contributionForm(report, ctx) {
  const text = h('textarea', { name: 'contribution', rows: 4, required: true, maxlength: 20000 });
  const status$ = h('div', { 'aria-live': 'polite' });
  return section(
    `${t('report.contributionTitle')} ${periodText(report.period)}`,
    h(
      'p',
      {},
      badge('report', report.state),
      ' ',
      `${report.unitName} · ${t('common.due')} ${dueDay(report.dueAt)}`,
    ),
    (report.contributions || []).length
      ? h(
          'ul',
          {},
          report.contributions.map((c) => h('li', {}, h('strong', {}, c.unitName), '：', c.text)),
        )
      : null,
    isFileable(report.state)
      ? h(
          'form',
          {
            onsubmit: async (e) => {
              e.preventDefault();
              status$.replaceChildren();
              try {
                await api.put(`/api/reports/${report.id}/contribution`, {
                  text: text.value.trim(),
                });
                toast(t('report.contributed'));
                await ctx.refresh();
              } catch (err) {
                status$.append(errorBox(err));
              }
            },
          },
          field(t('report.contribution'), text),
          status$,
          h(
            'div',
            { class: 'actions' },
            h('button', { type: 'submit', class: 'btn primary' }, t('report.contribute')),
          ),
        )
      : null,
  );
}

function extensionList(list) {
  return h(
    'ul',
    { class: 'plain' },
    list.map((x) =>
      h(
        'li',
        {},
        badge('ext', x.state),
        ' ',
        `${t('ext.to')} ${x.requestedDueOn} · ${x.reason}`,
        x.decisionComment ? ` · ${x.decisionComment}` : '',
      ),
    ),
  );
}

function extensionForm(report, list, ctx) {
  const date = h('input', { name: 'requestedDueOn', type: 'date', required: true });
  const reason = h('textarea', { name: 'reason', rows: 2, required: true, maxlength: 5000 });
  const status$ = h('div', { 'aria-live': 'polite' });
  const pending = list.some((x) => x.state === 'pending');
  return section(
    t('ext.title'),
    list.length ? extensionList(list) : null,
    pending
      ? h('p', { class: 'muted' }, t('ext.pending'))
      : h(
          'form',
          {
            class: 'ext-form',
            onsubmit: async (e) => {
              e.preventDefault();
              status$.replaceChildren();
              try {
                await api.post('/api/extensions', {
                  reportId: report.id,
                  requestedDueOn: date.value,
                  reason: reason.value.trim(),
                });
                toast(t('ext.requested'));
                await ctx.refresh();
              } catch (err) {
                status$.append(errorBox(err));
              }
            },
          },
          h('p', { class: 'muted small' }, `${t('ext.current')} ${dueDay(report.dueAt)}`),
          h('div', { class: 'two' }, field(t('ext.date'), date), field(t('ext.reason'), reason)),
          status$,
          h(
            'div',
            { class: 'actions' },
            h('button', { type: 'submit', class: 'btn' }, t('ext.request')),
          ),
        ),
  );
}

export function noticeList(notices) {
  return h(
    'ul',
    { class: 'notices' },
    notices.map((n) =>
      h(
        'li',
        { class: `notice colour-${n.colour}` },
        h('span', { class: `chip colour-${n.colour}` }, t(`notice.${n.kind}`, n.kind)),
        h('span', { class: 'notice-title' }, n.title),
        h('time', { class: 'muted small', datetime: n.createdAt }, dateTime(n.createdAt)),
      ),
    ),
  );
}

export async function notices(main, _params, ctx) {
  let inbox = null;
  try {
    inbox = await api.get('/api/me/notices?limit=50');
  } catch (err) {
    if (err.status !== 404) throw err;
  }
  if (inbox) return inboxPage(main, inbox, ctx);
  // Without the inbox routes: the notices of my tasks, gathered from each task.
  const rows = await myTaskRows(ctx, '');
  const details = await Promise.all(rows.map((r) => api.get(`/api/tasks/${r.task.id}`)));
  const seen = new Set();
  const all = [];
  for (const [i, r] of rows.entries()) {
    for (const n of details[i].notices) {
      if (seen.has(n.id)) continue;
      if (
        n.unit &&
        ctx.me.unit &&
        n.unit.id !== ctx.me.unit.id &&
        n.unit.id !== r.assignment.unit.id
      )
        continue;
      seen.add(n.id);
      all.push({ ...n, taskId: r.task.id, taskText: `${r.task.number} ${r.task.heading}` });
    }
  }
  all.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return inboxPage(main, { items: all, total: all.length, unread: null }, ctx);
}

function inboxPage(main, inbox, ctx) {
  const en = lang() === 'en';
  const markRead = async (n) => {
    try {
      await api.post(`/api/me/notices/${n.id}/read`);
      await ctx.refresh();
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };
  const readAll = async () => {
    try {
      await api.post('/api/me/notices/read-all');
      toast(t('notices.allRead'));
      await ctx.refresh();
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };
  const item = (n) =>
    h(
      'li',
      { class: `notice colour-${n.colour} ${n.readAt === null ? 'unread' : ''}` },
      h('span', { class: `chip colour-${n.colour}` }, t(`notice.${n.kind}`, n.kind)),
      h(
        'span',
        { class: 'notice-title' },
        n.readAt === null
          ? h('strong', {}, en && n.titleEn ? n.titleEn : n.title)
          : en && n.titleEn
            ? n.titleEn
            : n.title,
        n.body
          ? h(
              'span',
              { class: 'muted small notice-body' },
              (en && n.bodyEn ? n.bodyEn : n.body).trim(),
            )
          : null,
        n.taskId
          ? [
              h('br'),
              h(
                'a',
                { href: `/tasks/${n.taskId}`, class: 'small' },
                n.taskText || t('notices.openTask'),
              ),
            ]
          : null,
        // A notice about something other than a task (an account) opens its own page.
        !n.taskId && n.linkPath && n.linkPath.startsWith('/') && !n.linkPath.startsWith('//')
          ? [h('br'), h('a', { href: n.linkPath, class: 'small' }, t('notices.openPage'))]
          : null,
      ),
      h(
        'span',
        { class: 'notice-side' },
        h('time', { class: 'muted small', datetime: n.createdAt }, dateTime(n.createdAt)),
        n.readAt === null
          ? h(
              'button',
              { type: 'button', class: 'btn small link', onclick: () => markRead(n) },
              t('notices.markRead'),
            )
          : null,
      ),
    );
  const list = h('ul', { class: 'notices card' }, inbox.items.map(item));
  mount(
    main,
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, t('notices.title')),
      h(
        'p',
        { class: 'muted' },
        inbox.unread === null
          ? tf('notices.summary', { n: inbox.total })
          : tf('notices.summaryUnread', { n: inbox.total, u: inbox.unread }),
        inbox.unread
          ? [
              ' ',
              h(
                'button',
                { type: 'button', class: 'btn small', onclick: readAll },
                t('notices.readAll'),
              ),
            ]
          : null,
      ),
    ),
    inbox.items.length
      ? [
          list,
          moreButton(
            inbox.nextCursor,
            (cursor) => api.get(`/api/me/notices${api.qs({ limit: 50, cursor })}`),
            (more) => list.append(...more.map(item)),
          ),
        ]
      : empty(t('notices.none')),
  );
}
