// Office pages: current cycles and submission rates, one cycle's reports, reviewing a report,
// the escalation board (with extension requests), documents and their ledgers.
import * as api from '../api.js';
import { t, tf, periodText } from '../i18n.js';
import { barChart, meter } from '../charts.js';
import {
  askDialog,
  badge,
  dateTime,
  day,
  dueDay,
  empty,
  errorBox,
  h,
  inputField,
  mount,
  moreButton,
  pct,
  section,
  table,
  toast,
} from '../ui.js';
import { reportFacts } from './agency.js';
import { completionReview } from './lifecycle.js';
import { evidenceSection } from './evidence.js';

const FILED = ['submitted', 'accepted'];

function lateOf(r, now) {
  const due = Date.parse(r.dueAt);
  if (r.firstSubmittedAt) return Date.parse(r.firstSubmittedAt) > due;
  return now.getTime() >= due;
}

// The next page of a list spread over several cycles: each cycle's own cursor, one page from
// each cycle that has more, their items together.
function acrossCycles(path) {
  return async (cursors) => {
    const pages = await Promise.all(
      cursors.map(([id, cursor]) =>
        api.get(`/api/cycles/${id}/reports${api.qs({ ...path, limit: 20, cursor })}`),
      ),
    );
    const next = cursors.map(([id], i) => [id, pages[i].nextCursor]).filter(([, cursor]) => cursor);
    return { items: pages.flatMap((p) => p.items), nextCursor: next.length ? next : null };
  };
}

export async function cycles(main, _params, ctx) {
  const list = await api.get('/api/cycles');
  const open = list.filter((c) => c.state !== 'closed');
  const shown = open.length ? open : list;
  const past = list.filter((c) => !shown.includes(c));
  // The counts per unit come counted from the server; of the reports themselves only the first
  // page of those waiting for review and of the late ones is fetched, the rest on "load more".
  const reviewPages = acrossCycles({ state: 'submitted' });
  const latePages = acrossCycles({ late: 'true' });
  const firstCursors = shown.map((c) => [c.id, undefined]);
  const [figures, firstReview, firstLate] = await Promise.all([
    Promise.all(shown.map((c) => api.get(`/api/cycles/${c.id}/units`))),
    reviewPages(firstCursors),
    latePages(firstCursors),
  ]);

  // Per unit, across the open cycles.
  const units = new Map();
  for (const f of figures.flat()) {
    const u = units.get(f.unitId) || { name: f.unitName, total: 0, filed: 0, late: 0, review: 0 };
    u.total += f.reports;
    u.filed += f.filed;
    u.late += f.late;
    u.review += f.submitted;
    units.set(f.unitId, u);
  }
  const unitRows = [...units.values()].sort(
    (a, b) => a.filed / a.total - b.filed / b.total || a.name.localeCompare(b.name, 'zh'),
  );
  const sum = (k) => unitRows.reduce((n, u) => n + u[k], 0);
  const reviewItem = (r) =>
    h(
      'li',
      {},
      h('a', { href: `/office/reports/${r.id}` }, `${r.taskLabel} ${r.taskHeading}`),
      h('span', { class: 'muted small' }, ` · ${r.unitName} · ${dateTime(r.submittedAt)}`),
    );
  const lateRow = (r) =>
    h(
      'tr',
      { class: 'rag-row-red' },
      h('td', {}, r.unitName),
      h('td', {}, h('a', { href: `/office/reports/${r.id}` }, `${r.taskLabel} ${r.taskHeading}`)),
      h('td', {}, dueDay(r.dueAt)),
      h('td', {}, badge('report', r.state)),
    );
  const reviewList = h('ul', { class: 'plain' }, firstReview.items.map(reviewItem));
  const lateTable = table(
    [t('cycles.col.unit'), t('cycles.col.task'), t('cycles.col.due'), t('cycles.col.state')],
    firstLate.items.map(lateRow),
  );
  const lateBody = lateTable.querySelector('tbody');

  mount(
    main,
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, t('cycles.title')),
      h(
        'p',
        { class: 'muted' },
        tf('cycles.summary', {
          cycles: shown.length,
          reports: sum('total'),
          review: sum('review'),
          late: sum('late'),
        }),
        ' ',
        h('a', { href: '/office/documents' }, t('cycles.openByHand')),
      ),
    ),
    h(
      'div',
      { class: 'grid-2' },
      h(
        'div',
        {},
        section(
          t('cycles.perDocument'),
          shown.length
            ? table(
                [
                  t('cycles.col.document'),
                  t('cycles.col.period'),
                  t('cycles.col.due'),
                  t('cycles.col.rate'),
                  '',
                ],
                shown.map((c) =>
                  h(
                    'tr',
                    {},
                    h('td', {}, h('a', { href: `/office/cycles/${c.id}` }, c.documentTitle || '—')),
                    h('td', {}, periodText(c.period), ' ', badge('cycle', c.state)),
                    h('td', {}, dueDay(c.dueAt)),
                    h(
                      'td',
                      { class: 'meter-cell' },
                      meter(c.submissionRate, `${c.submitted}/${c.reports}`),
                    ),
                    h(
                      'td',
                      {},
                      c.hasBulletin
                        ? h('a', { href: `/bulletins/${c.id}` }, t('cycles.bulletin'))
                        : '',
                    ),
                  ),
                ),
              )
            : empty(t('cycles.none')),
        ),
        past.length
          ? section(
              t('cycles.past'),
              h(
                'ul',
                { class: 'plain' },
                past.map((c) =>
                  h(
                    'li',
                    {},
                    h(
                      'a',
                      { href: `/office/cycles/${c.id}` },
                      `${c.documentTitle || ''} ${periodText(c.period)}`,
                    ),
                    ' ',
                    badge('cycle', c.state),
                    h(
                      'span',
                      { class: 'muted small' },
                      ` · ${tf('cycle.rates', { s: c.submitted, n: c.reports, a: c.accepted, o: c.onTime })} `,
                    ),
                    c.hasBulletin
                      ? h('a', { href: `/bulletins/${c.id}` }, t('cycles.bulletin'))
                      : null,
                  ),
                ),
              ),
            )
          : null,
        section(
          t('cycles.toReview'),
          firstReview.items.length
            ? [
                reviewList,
                moreButton(firstReview.nextCursor, reviewPages, (items) =>
                  reviewList.append(...items.map(reviewItem)),
                ),
              ]
            : empty(t('cycles.nothingToReview')),
        ),
        section(
          t('cycles.late'),
          firstLate.items.length
            ? [
                lateTable,
                moreButton(firstLate.nextCursor, latePages, (items) =>
                  lateBody.append(...items.map(lateRow)),
                ),
              ]
            : empty(t('cycles.noneLate')),
        ),
      ),
      section(
        t('cycles.perUnit'),
        unitRows.length
          ? barChart(
              unitRows.map((u) => ({
                label: u.name,
                value: u.filed / u.total,
                note: `${u.filed}/${u.total}${u.late ? ` · ${tf('cycles.lateN', { n: u.late })}` : ''}`,
                tone: u.late ? 'red' : u.filed === u.total ? 'green' : 'amber',
              })),
              { title: t('cycles.perUnit'), percent: true },
            )
          : empty(t('cycles.none')),
      ),
    ),
  );
}

// A cycle's reports come a page at a time in task-number order; "load more" asks for the next.
const PAGE = 50;

export async function cycle(main, { id }, ctx) {
  const reportsOf = (cursor) =>
    api.get(`/api/cycles/${id}/reports${api.qs({ limit: PAGE, cursor })}`);
  const [list, first] = await Promise.all([api.get('/api/cycles'), reportsOf()]);
  const c = list.find((x) => x.id === id);
  if (!c) throw new api.ApiError(404, { message: t('common.notFound') });
  const row = (r) =>
    h(
      'tr',
      {
        class: !FILED.includes(r.state) && lateOf(r, ctx.now) ? 'rag-row-red' : '',
        dataset: { reportId: r.id },
      },
      h('td', {}, `${r.taskLabel} ${r.taskHeading}`),
      h('td', {}, r.unitName),
      h(
        'td',
        {},
        badge('report', r.state),
        r.revision > 1
          ? h('span', { class: 'muted small' }, ` ${tf('report.revision', { n: r.revision })}`)
          : null,
      ),
      h('td', {}, dueDay(r.dueAt)),
      h('td', {}, dateTime(r.submittedAt)),
      h(
        'td',
        {},
        h(
          'a',
          { href: `/office/reports/${r.id}`, class: 'btn small' },
          r.state === 'submitted' ? t('review.review') : t('common.open'),
        ),
      ),
    );
  const reports = table(
    [
      t('cycles.col.task'),
      t('cycles.col.unit'),
      t('cycles.col.state'),
      t('cycles.col.due'),
      t('cycle.submittedAt'),
      '',
    ],
    first.items.map(row),
  );
  const body = reports.querySelector('tbody');
  mount(
    main,
    h(
      'div',
      { class: 'page-head' },
      h(
        'p',
        { class: 'crumbs' },
        h('a', { href: '/office/cycles' }, t('cycles.title')),
        ' / ',
        periodText(c.period),
      ),
      h('h1', {}, `${c.documentTitle || ''} ${periodText(c.period)}`),
      h(
        'p',
        { class: 'meta' },
        badge('cycle', c.state),
        ' ',
        `${t('common.due')} ${dueDay(c.dueAt)} · `,
        tf('cycle.rates', { s: c.submitted, n: c.reports, a: c.accepted, o: c.onTime }),
        c.hasBulletin
          ? [' · ', h('a', { href: `/bulletins/${c.id}` }, t('cycles.bulletin'))]
          : null,
      ),
    ),
    section(
      t('cycle.reports'),
      reports,
      moreButton(first.nextCursor, reportsOf, (items) => body.append(...items.map(row))),
    ),
  );
}

export async function reviewReport(main, { id }, ctx) {
  const report = await api.get(`/api/reports/${id}`);
  const [detail, revisions] = await Promise.all([
    api.get(`/api/tasks/${report.taskId}`),
    api.get(`/api/reports/${id}/revisions`).catch(() => []),
  ]);
  const completion = await completionReview(report.taskId, ctx);
  const evidence = await evidenceSection(id, { canAttach: false, ctx });
  const status$ = h('div', { 'aria-live': 'polite' });
  const comment = h('textarea', {
    id: 'review-comment',
    name: 'comment',
    rows: 3,
    maxlength: 5000,
  });
  const decide = async (kind) => {
    status$.replaceChildren();
    const text = comment.value.trim();
    if (kind === 'return' && !text) {
      status$.append(h('p', { class: 'alert error', role: 'alert' }, t('review.commentNeeded')));
      comment.focus();
      return;
    }
    try {
      await api.post(`/api/reports/${id}/${kind}`, text ? { comment: text } : {});
      toast(kind === 'accept' ? t('review.accepted') : t('review.returned'));
      await ctx.refresh();
    } catch (err) {
      status$.append(errorBox(err));
    }
  };
  mount(
    main,
    h(
      'div',
      { class: 'page-head' },
      h(
        'p',
        { class: 'crumbs' },
        h('a', { href: '/office/cycles' }, t('cycles.title')),
        ' / ',
        h('a', { href: `/office/cycles/${report.cycleId}` }, periodText(report.period)),
        ' / ',
        report.taskLabel,
      ),
      h('h1', {}, `${report.taskLabel} ${report.taskHeading}`),
      h(
        'p',
        { class: 'meta' },
        report.unitName,
        ' · ',
        badge('report', report.state),
        ' · ',
        `${t('common.due')} ${dueDay(report.dueAt)}`,
        report.submittedAt ? ` · ${t('report.submittedAt')} ${dateTime(report.submittedAt)}` : '',
        report.revision ? ` · ${tf('report.revision', { n: report.revision })}` : '',
      ),
    ),
    h(
      'div',
      { class: 'grid-2' },
      h(
        'div',
        {},
        section(t('report.title'), reportFacts(report, detail)),
        report.reviewComment
          ? section(t('report.reviewComment'), h('p', {}, report.reviewComment))
          : null,
        evidence,
      ),
      h(
        'div',
        {},
        completion,
        report.state === 'submitted'
          ? section(
              t('review.title'),
              h(
                'div',
                { class: 'field' },
                h('label', { for: 'review-comment' }, t('review.comment')),
                comment,
                h('small', { class: 'hint' }, t('review.commentHint')),
              ),
              status$,
              h(
                'div',
                { class: 'actions' },
                h(
                  'button',
                  { type: 'button', class: 'btn primary', onclick: () => decide('accept') },
                  t('review.accept'),
                ),
                h(
                  'button',
                  { type: 'button', class: 'btn danger', onclick: () => decide('return') },
                  t('review.return'),
                ),
              ),
            )
          : null,
        section(
          t('review.revisions'),
          revisions.length
            ? h(
                'ol',
                { class: 'history' },
                revisions.map((v) =>
                  h(
                    'li',
                    {},
                    tf('report.revision', { n: v.revision }),
                    ' · ',
                    dateTime(v.submittedAt || v.createdAt),
                    v.snapshot && v.snapshot.narrative
                      ? h('div', { class: 'muted small pre' }, v.snapshot.narrative)
                      : null,
                  ),
                ),
              )
            : empty(t('review.noRevisions')),
        ),
        section(
          t('task.about'),
          h('p', { class: 'muted' }, detail.document.title || ''),
          detail.body ? h('p', { class: 'task-body' }, detail.body) : null,
        ),
      ),
    ),
  );
}

const LEVELS = [1, 2, 3];

export async function escalations(main, _params, ctx) {
  const params = new URLSearchParams(location.search);
  const state = params.get('state') || 'active';
  const watching = state === 'active' || state === 'all';
  // Each lane is paged on its own, highest level and newest first; its count is the filter's total.
  const filterOf = (level) => ({
    level,
    state: watching ? '' : state,
    active: state === 'active' ? 'true' : '',
  });
  const laneOf = (level) => (cursor) =>
    api.get(`/api/escalations${api.qs({ ...filterOf(level), limit: 50, cursor })}`);
  const [lanes, extensions, overdue] = await Promise.all([
    Promise.all(LEVELS.map((level) => laneOf(level)())),
    api.get('/api/extensions?state=pending'),
    watching ? api.get('/api/escalations/overdue') : Promise.resolve([]),
  ]);
  await Promise.all(
    extensions.map(async (x) => {
      const r = x.reportId ? await api.get(`/api/reports/${x.reportId}`).catch(() => null) : null;
      x.taskLabel = r ? `${r.taskLabel} ${r.taskHeading}` : x.taskId.slice(0, 8);
      x.unitName = r ? r.unitName : '';
    }),
  );
  const filter = h(
    'form',
    { class: 'filters', onsubmit: (e) => e.preventDefault() },
    h('label', { for: 'esc-state' }, t('esc.filter')),
    ' ',
    h(
      'select',
      { id: 'esc-state', onchange: (e) => ctx.go(`/office/escalations?state=${e.target.value}`) },
      ['active', 'open', 'extended', 'supervising', 'resolved', 'all'].map((s) =>
        h('option', { value: s, selected: s === state }, t(`esc.state.${s}`)),
      ),
    ),
  );
  const card = (e) =>
    h(
      'li',
      { class: `esc-card colour-${e.colour}`, dataset: { escalationId: e.id } },
      h(
        'div',
        { class: 'esc-head' },
        h('span', { class: `chip colour-${e.colour}` }, t(`esc.level.${e.level}`)),
        badge('esc', e.state),
      ),
      h(
        'p',
        { class: 'esc-task' },
        h('strong', {}, e.unitName),
        h('br'),
        `${e.taskLabel} ${e.taskHeading}`,
      ),
      h(
        'p',
        { class: 'muted small' },
        `${periodText(e.period)} · ${t('esc.raised')} ${dateTime(e.raisedAt)}`,
      ),
      h('p', { class: 'small' }, t(`reason.${e.reason}`, e.reason)),
      e.clause
        ? h(
            'details',
            { class: 'small' },
            h('summary', {}, t('esc.clause')),
            h('p', {}, e.clause.text),
          )
        : null,
      e.reviewComment
        ? h('p', { class: 'small alert info' }, `${t('esc.comment')}：${e.reviewComment}`)
        : null,
      e.state !== 'resolved'
        ? h(
            'div',
            { class: 'actions compact' },
            h(
              'button',
              {
                type: 'button',
                class: 'btn small',
                onclick: () => review(e, 'grant-extension', ctx),
              },
              t('esc.extend'),
            ),
            e.state !== 'supervising'
              ? h(
                  'button',
                  {
                    type: 'button',
                    class: 'btn small',
                    onclick: () => review(e, 'supervise', ctx),
                  },
                  t('esc.supervise'),
                )
              : null,
            h(
              'button',
              {
                type: 'button',
                class: 'btn small primary',
                onclick: () => review(e, 'resolve', ctx),
              },
              t('esc.resolve'),
            ),
          )
        : null,
      e.reportId
        ? h(
            'p',
            { class: 'small' },
            h('a', { href: `/office/reports/${e.reportId}` }, t('esc.openReport')),
          )
        : null,
    );
  // Level 1: the overdue notice has gone out; the report is watched here until it is filed or climbs to level 2.
  const overdueCard = (o) =>
    h(
      'li',
      { class: `esc-card colour-${o.colour}`, dataset: { reportId: o.reportId } },
      h(
        'div',
        { class: 'esc-head' },
        h('span', { class: `chip colour-${o.colour}` }, t(`esc.level.${o.level}`)),
        badge('report', o.reportState),
      ),
      h(
        'p',
        { class: 'esc-task' },
        h('strong', {}, o.unitName),
        h('br'),
        `${o.taskLabel} ${o.taskHeading}`,
      ),
      h(
        'p',
        { class: 'muted small' },
        `${periodText(o.period)} · ${t('common.due')} ${dueDay(o.dueAt)} · ${t('esc.overdueSince')} ${dateTime(o.raisedAt)}`,
      ),
      h(
        'p',
        { class: 'small' },
        h('a', { href: `/office/reports/${o.reportId}` }, t('esc.openReport')),
        ' · ',
        h('a', { href: `/tasks/${o.taskId}` }, t('esc.openTask')),
      ),
    );
  mount(
    main,
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, t('esc.title')),
      h(
        'p',
        { class: 'muted' },
        tf('esc.summary', {
          n: lanes.reduce((n, lane) => n + lane.total, 0),
          ext: extensions.length,
        }),
      ),
    ),
    filter,
    h(
      'div',
      { class: 'board' },
      LEVELS.map((level, i) => {
        const lane = lanes[i];
        const items = lane.items.map(card);
        if (level === 1) items.push(...overdue.map(overdueCard));
        const count = lane.total + (level === 1 ? overdue.length : 0);
        const ul = h('ul', { class: 'plain' }, items);
        return h(
          'section',
          { class: `lane lane-${level}`, 'aria-labelledby': `lane-${level}` },
          h(
            'h2',
            { id: `lane-${level}` },
            t(`esc.level.${level}`),
            h('span', { class: 'count' }, String(count)),
          ),
          items.length ? ul : empty(t(level === 1 ? 'esc.noneOverdue' : 'esc.none')),
          moreButton(lane.nextCursor, laneOf(level), (more) => ul.append(...more.map(card))),
        );
      }),
    ),
    section(
      t('ext.pendingTitle'),
      extensions.length
        ? table(
            [t('cycles.col.task'), t('cycles.col.unit'), t('ext.date'), t('ext.reason'), ''],
            extensions.map((x) =>
              h(
                'tr',
                {},
                h(
                  'td',
                  {},
                  h('a', { href: x.reportId ? `/office/reports/${x.reportId}` : '#' }, x.taskLabel),
                ),
                h('td', {}, x.unitName || ''),
                h('td', {}, x.requestedDueOn),
                h('td', {}, x.reason),
                h(
                  'td',
                  {},
                  h(
                    'div',
                    { class: 'actions compact' },
                    h(
                      'button',
                      {
                        type: 'button',
                        class: 'btn small primary',
                        onclick: () => decideExtension(x, 'approve', ctx),
                      },
                      t('ext.approve'),
                    ),
                    h(
                      'button',
                      {
                        type: 'button',
                        class: 'btn small',
                        onclick: () => decideExtension(x, 'reject', ctx),
                      },
                      t('ext.reject'),
                    ),
                  ),
                ),
              ),
            ),
          )
        : empty(t('ext.none')),
    ),
  );
}

async function review(e, decision, ctx) {
  const fields = [];
  if (decision === 'grant-extension')
    fields.push(inputField('dueOn', t('esc.newDue'), { type: 'date', required: true }));
  fields.push(
    inputField('comment', decision === 'supervise' ? t('esc.orderText') : t('esc.comment'), {
      multiline: true,
      required: decision === 'supervise',
      maxlength: 5000,
    }),
  );
  const values = await askDialog({
    title: `${t(`esc.do.${decision}`)} — ${e.unitName} ${e.taskLabel}`,
    fields,
    submitLabel: t(`esc.do.${decision}`),
  });
  if (!values) return;
  try {
    const body = { decision };
    if (values.dueOn) body.dueOn = values.dueOn;
    if (values.comment) body.comment = values.comment;
    await api.post(`/api/escalations/${e.id}/review`, body);
    toast(t('esc.reviewed'));
    await ctx.refresh();
  } catch (err) {
    toast(err.message, 'error');
  }
}

async function decideExtension(x, kind, ctx) {
  const fields = [inputField('comment', t('esc.comment'), { multiline: true, maxlength: 5000 })];
  if (kind === 'approve')
    fields.unshift(
      inputField('dueOn', t('ext.approveDate'), { type: 'date', value: x.requestedDueOn }),
    );
  const values = await askDialog({
    title: t(`ext.${kind}`),
    fields,
    submitLabel: t(`ext.${kind}`),
    danger: kind === 'reject',
  });
  if (!values) return;
  try {
    const body = {};
    if (values.comment) body.comment = values.comment;
    if (values.dueOn && values.dueOn !== x.requestedDueOn) body.dueOn = values.dueOn;
    await api.post(`/api/extensions/${x.id}/${kind}`, body);
    toast(t('esc.reviewed'));
    await ctx.refresh();
  } catch (err) {
    toast(err.message, 'error');
  }
}

export async function documents(main) {
  const [docs, cyclesList] = await Promise.all([api.get('/api/documents'), api.get('/api/cycles')]);
  mount(
    main,
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, t('docs.title')),
      h(
        'p',
        { class: 'muted' },
        h('a', { href: '/office/import', class: 'btn primary' }, t('nav.import')),
      ),
    ),
    docs.length
      ? table(
          [
            t('docs.col.title'),
            t('docs.col.issued'),
            t('docs.col.tasks'),
            t('docs.col.cycles'),
            t('docs.col.ledger'),
          ],
          docs.map((d) =>
            h(
              'tr',
              {},
              h(
                'td',
                {},
                h(
                  'a',
                  { href: `/office/documents/${d.id}`, title: t('profile.edit') },
                  d.title || d.sourceFile || '—',
                ),
                d.docNumber ? h('div', { class: 'muted small' }, d.docNumber) : null,
                h(
                  'div',
                  { class: 'small' },
                  h('a', { href: `/office/documents/${d.id}` }, t('profile.edit')),
                ),
              ),
              h('td', {}, d.issuedOn || '—'),
              h('td', {}, String(d.tasks)),
              h(
                'td',
                {},
                cyclesList
                  .filter((c) => c.documentId === d.id)
                  .map((c) =>
                    h(
                      'a',
                      { href: `/office/cycles/${c.id}`, class: 'chip link' },
                      periodText(c.period),
                    ),
                  ),
              ),
              h(
                'td',
                {},
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'btn small',
                    onclick: async () => {
                      try {
                        const name = await api.download(
                          `/api/ledger/documents/${d.id}`,
                          'ledger.xlsx',
                        );
                        toast(`${t('docs.downloaded')} ${name}`);
                      } catch (err) {
                        toast(err.message, 'error');
                      }
                    },
                  },
                  t('docs.download'),
                ),
              ),
            ),
          ),
        )
      : empty(t('docs.none')),
  );
}

export { day };
