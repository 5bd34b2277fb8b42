// Leader pages (the office sees the bulletin too): bulletins and what was raised to the leading group.
import * as api from '../api.js';
import { t, tf, periodText } from '../i18n.js';
import { barChart, donut } from '../charts.js';
import {
  badge,
  dateTime,
  dueDay,
  empty,
  h,
  moreButton,
  mount,
  pct,
  section,
  table,
  toast,
} from '../ui.js';

export async function home(main) {
  const raisedPage = (cursor) =>
    api.get(`/api/escalations${api.qs({ level: 3, limit: 20, cursor })}`);
  const [cycles, firstRaised, active] = await Promise.all([
    api.get('/api/cycles'),
    raisedPage(),
    api.get('/api/escalations?level=3&active=true&limit=1'),
  ]);
  const withBulletin = cycles.filter((c) => c.hasBulletin);
  const raised = firstRaised.items;
  const raisedCard = (e) =>
    h(
      'li',
      { class: `esc-card colour-${e.colour}` },
      h(
        'div',
        { class: 'esc-head' },
        h('span', { class: `chip colour-${e.colour}` }, t('esc.level.3')),
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
      e.reviewComment
        ? h('p', { class: 'small alert info' }, `${t('esc.comment')}：${e.reviewComment}`)
        : null,
    );
  const raisedList = h('ul', { class: 'plain' }, raised.map(raisedCard));
  mount(
    main,
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, t('leader.title')),
      h('p', { class: 'muted' }, tf('leader.summary', { b: withBulletin.length, e: active.total })),
    ),
    h(
      'div',
      { class: 'grid-2' },
      section(
        t('leader.bulletins'),
        withBulletin.length
          ? h(
              'ul',
              { class: 'plain big-links' },
              withBulletin.map((c) =>
                h(
                  'li',
                  {},
                  h(
                    'a',
                    { href: `/bulletins/${c.id}` },
                    `${c.documentTitle || ''} ${periodText(c.period)} ${t('bulletin.word')}`,
                  ),
                  h(
                    'div',
                    { class: 'muted small' },
                    tf('cycle.rates', { s: c.submitted, n: c.reports, a: c.accepted, o: c.onTime }),
                  ),
                ),
              ),
            )
          : empty(t('leader.noBulletins')),
      ),
      section(
        t('leader.raised'),
        raised.length
          ? [
              raisedList,
              moreButton(firstRaised.nextCursor, raisedPage, (more) =>
                raisedList.append(...more.map(raisedCard)),
              ),
            ]
          : empty(t('leader.noneRaised')),
      ),
    ),
  );
}

export async function bulletin(main, { id }, ctx) {
  const b = await api.get(`/api/cycles/${id}/bulletin`);
  const tt = b.totals;
  const isOffice = ctx.me.roles.includes('office');
  const downloadBtn = h(
    'button',
    {
      type: 'button',
      class: 'btn',
      onclick: async () => {
        try {
          const name = await api.download(`/api/cycles/${id}/bulletin/download`, 'bulletin.md');
          toast(`${t('docs.downloaded')} ${name}`);
        } catch (err) {
          toast(err.message, 'error');
        }
      },
    },
    t('bulletin.download'),
  );
  const workbookBtn = h(
    'button',
    {
      type: 'button',
      class: 'btn',
      onclick: async () => {
        try {
          const name = await api.download(`/api/cycles/${id}/bulletin/workbook`, 'bulletin.xlsx');
          toast(`${t('docs.downloaded')} ${name}`);
        } catch (err) {
          toast(err.message, 'error');
        }
      },
    },
    t('bulletin.workbook'),
  );
  const tiles = [
    ['bulletin.reports', tt.reports, ''],
    ['bulletin.onTime', tt.onTime, 'green'],
    ['bulletin.lateN', tt.late, 'amber'],
    ['bulletin.missing', tt.missing, 'red'],
    ['bulletin.accepted', tt.accepted, ''],
    ['bulletin.raised', tt.escalatedToLeadingGroup, 'red'],
  ];
  mount(
    main,
    h(
      'div',
      { class: 'page-head' },
      h(
        'p',
        { class: 'crumbs' },
        h(
          'a',
          { href: isOffice ? '/office/cycles' : '/leader' },
          isOffice ? t('cycles.title') : t('leader.title'),
        ),
        ' / ',
        t('bulletin.word'),
      ),
      h(
        'h1',
        {},
        `${b.documentTitle ? `《${b.documentTitle}》` : ''}${periodText(b.period)}${t('bulletin.heading')}`,
      ),
      h(
        'p',
        { class: 'meta' },
        `${t('common.due')} ${dueDay(b.dueAt)} · ${t('bulletin.compiled')} ${dateTime(b.compiledAt)} `,
        downloadBtn,
        ' ',
        workbookBtn,
      ),
    ),
    h(
      'div',
      { class: 'tiles' },
      tiles.map(([k, v, tone]) =>
        h(
          'div',
          { class: `tile ${tone ? `tone-${tone}` : ''}` },
          h('span', { class: 'tile-value' }, String(v)),
          h('span', { class: 'tile-label' }, t(k)),
        ),
      ),
    ),
    h(
      'div',
      { class: 'grid-2' },
      section(
        t('bulletin.overview'),
        donut(
          [
            { label: t('bulletin.onTime'), value: tt.onTime, tone: 'green' },
            { label: t('bulletin.lateN'), value: tt.late, tone: 'amber' },
            { label: t('bulletin.missing'), value: tt.missing, tone: 'red' },
          ],
          { title: t('bulletin.overview'), centre: pct(tt.onTimeRate) },
        ),
        h(
          'p',
          { class: 'muted small' },
          tf('bulletin.sentence', {
            r: tt.reports,
            o: tt.onTime,
            rate: pct(tt.onTimeRate),
            l: tt.late,
            m: tt.missing,
            a: tt.accepted,
            e: tt.escalatedToLeadingGroup,
          }),
        ),
      ),
      section(
        t('bulletin.perUnit'),
        b.units.length
          ? barChart(
              b.units.map((u) => ({
                label: u.unitName,
                value: u.onTimeRate,
                note: `${u.onTime}/${u.reports}`,
                tone: u.onTimeRate >= 0.999 ? 'green' : u.onTimeRate >= 0.5 ? 'amber' : 'red',
              })),
              { title: t('bulletin.perUnit'), percent: true },
            )
          : empty('—'),
      ),
    ),
    section(
      t('bulletin.targets'),
      b.targets.length
        ? barChart(
            b.targets.map((x) => ({
              label: `${x.taskLabel} ${x.target}`,
              value: x.percent === null ? 0 : x.percent / 100,
              note: `${x.reported ?? '—'}/${x.planned ?? '—'}${x.unit || ''}`,
              tone: (x.percent ?? 0) >= 100 ? 'green' : (x.percent ?? 0) >= 50 ? 'blue' : 'amber',
            })),
            { title: t('bulletin.targets'), percent: true },
          )
        : empty(t('bulletin.noneListed')),
    ),
    b.assessment ? assessmentSection(b, ctx) : null,
    localitySection(b.localities),
    h(
      'div',
      { class: 'grid-2' },
      section(
        t('bulletin.late'),
        b.lateTasks.length
          ? table(
              [
                t('cycles.col.task'),
                t('cycles.col.unit'),
                t('cycles.col.due'),
                t('bulletin.firstFiled'),
              ],
              b.lateTasks.map((x) =>
                h(
                  'tr',
                  {},
                  h('td', {}, `${x.taskLabel} ${x.heading}`),
                  h('td', {}, x.unitName),
                  h('td', {}, dueDay(x.dueAt)),
                  h(
                    'td',
                    {},
                    x.firstSubmittedAt ? dateTime(x.firstSubmittedAt) : t('bulletin.notFiled'),
                  ),
                ),
              ),
            )
          : empty(t('bulletin.noneListed')),
      ),
      section(
        t('bulletin.escalated'),
        b.escalatedTasks.length
          ? table(
              [
                t('cycles.col.task'),
                t('cycles.col.unit'),
                t('esc.levelWord'),
                t('cycles.col.state'),
              ],
              b.escalatedTasks.map((x) =>
                h(
                  'tr',
                  {},
                  h('td', {}, `${x.taskLabel} ${x.heading}`),
                  h('td', {}, x.unitName),
                  h(
                    'td',
                    {},
                    h('span', { class: `chip colour-${x.colour}` }, t(`esc.level.${x.level}`)),
                  ),
                  h('td', {}, badge('esc', x.state)),
                ),
              ),
            )
          : empty(t('bulletin.noneListed')),
      ),
    ),
  );
}

/** 考核评估 as the bulletin compiled it: every unit's score and rank; readers of all units follow it to the points. */
function assessmentSection(b, ctx) {
  const a = b.assessment;
  const canOpen = ctx.me.roles.some((r) => r === 'office' || r === 'leader');
  return section(
    tf('bulletin.assessment', { period: periodText(a.period) }),
    h('p', { class: 'muted small' }, tf('bulletin.assessmentBase', { base: a.base })),
    a.units.length
      ? table(
          [
            t('assess.col.rank'),
            t('assess.col.unit'),
            t('assess.col.score'),
            t('assess.col.deducted'),
            t('assess.col.added'),
            t('assess.col.event'),
          ],
          a.units.map((u) =>
            h(
              'tr',
              {},
              h('td', {}, String(u.rank)),
              h('td', {}, u.unitName),
              h('td', {}, String(u.score)),
              h('td', {}, String(u.deducted)),
              h('td', {}, String(u.added)),
              h('td', {}, String(u.events)),
            ),
          ),
        )
      : empty(t('bulletin.noneListed')),
    canOpen
      ? h(
          'p',
          {},
          h(
            'a',
            { href: `/assessment?document=${encodeURIComponent(b.documentId)}&period=${a.period}` },
            t('bulletin.assessmentOpen'),
          ),
        )
      : null,
  );
}

/** 各地分解 in the bulletin: per task and target, each locality's share, latest value and progress. */
function localitySection(tasks) {
  if (!tasks || !tasks.length) return null;
  const fig = (v, unit) => (v === null || v === undefined ? '—' : `${v}${unit || ''}`);
  const per = (v) => (v === null || v === undefined ? '—' : `${v.toFixed(1)}%`);
  return section(
    t('bulletin.localities'),
    tasks.map((task) =>
      task.targets.map((x) =>
        h(
          'div',
          { class: 'breakdown-chart bulletin-localities' },
          h('h3', {}, `${task.taskLabel} ${task.heading}：${x.text}`),
          table(
            [
              t('breakdown.col.locality'),
              t('bulletin.share'),
              t('bulletin.reported'),
              t('breakdown.col.percent'),
            ],
            [
              ...x.rows.map((r) =>
                h(
                  'tr',
                  {},
                  h('td', {}, r.unitName),
                  h('td', {}, fig(r.share, x.unit)),
                  h('td', {}, fig(r.reported, x.unit)),
                  h('td', {}, per(r.percent)),
                ),
              ),
              h(
                'tr',
                { class: 'total' },
                h('th', { scope: 'row' }, t('bulletin.total')),
                h('td', {}, fig(x.shareTotal, x.unit)),
                h('td', {}, fig(x.reportedTotal, x.unit)),
                h('td', {}, per(x.percent)),
              ),
            ],
          ),
          barChart(
            x.rows.map((r) => ({
              label: r.unitName,
              value: r.percent === null ? 0 : r.percent / 100,
              note: `${fig(r.reported, '')}/${fig(r.share, x.unit)}`,
              tone: (r.percent ?? 0) >= 100 ? 'green' : (r.percent ?? 0) >= 50 ? 'amber' : 'red',
            })),
            { title: x.text, percent: true },
          ),
        ),
      ),
    ),
  );
}
