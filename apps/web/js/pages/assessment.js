// 考核评估: per document and period, each unit's score and rank, and the events behind each point.
// The office adjusts a score with a reason and edits the scheme; leaders read; a unit sees its own.
import * as api from '../api.js';
import { lang, t, tf, periodText } from '../i18n.js';
import {
  askDialog,
  dateTime,
  empty,
  errorText,
  h,
  inputField,
  mount,
  section,
  table,
  toast,
} from '../ui.js';

const shanghaiDay = (now) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

function currentQuarter(now) {
  const d = shanghaiDay(now);
  return `${d.slice(0, 4)}-Q${Math.ceil(Number(d.slice(5, 7)) / 3)}`;
}

function periodOptions(now, selected) {
  const year = Number(shanghaiDay(now).slice(0, 4));
  const periods = [];
  for (let y = year; y >= year - 5; y--)
    periods.push(`${y}-Y`, `${y}-Q4`, `${y}-Q3`, `${y}-Q2`, `${y}-Q1`);
  if (!periods.includes(selected)) periods.unshift(selected);
  return periods.map((p) => h('option', { value: p, selected: p === selected }, periodText(p)));
}

const pts = (n) => (n > 0 ? `+${n}` : String(n));
const label = (l) => (lang() === 'en' ? l.label.en : l.label.zh);

function breakdown(u) {
  return u.lines.length
    ? table(
        [
          t('assess.col.at'),
          t('assess.col.event'),
          t('assess.col.points'),
          t('assess.col.task'),
          t('assess.col.note'),
        ],
        u.lines.map((l) =>
          h(
            'tr',
            {},
            h(
              'td',
              {},
              dateTime(l.at),
              l.period ? h('div', { class: 'muted small' }, periodText(l.period)) : null,
            ),
            h('td', {}, label(l)),
            h('td', { class: l.points < 0 ? 'neg' : 'pos' }, pts(l.points)),
            h(
              'td',
              {},
              l.task
                ? h(
                    'a',
                    { href: `/tasks/${l.task.id}` },
                    h('span', { class: 'num' }, l.task.number),
                    ' ',
                    l.task.heading,
                  )
                : '—',
            ),
            h(
              'td',
              {},
              l.note || '',
              h(
                'div',
                { class: 'muted small' },
                tf('assess.source', { type: t(`assess.source.${l.source.type}`, l.source.type) }),
              ),
            ),
          ),
        ),
      )
    : empty(t('assess.noEvents'));
}

export async function assessmentPage(main, _params, ctx) {
  const params = new URLSearchParams(location.search);
  const isOffice = ctx.me.roles.includes('office');
  const isReader = isOffice || ctx.me.roles.includes('leader');
  // A unit is assessed only in the documents where it holds tasks: offer those alone.
  const docs = await api.get(`/api/documents${isReader ? '' : '?held=true'}`);
  const documentId = params.get('document') || (docs[0] && docs[0].id) || '';
  const period = /^[0-9]{4}-(Q[1-4]|Y)$/.test(params.get('period') || '')
    ? params.get('period')
    : currentQuarter(ctx.now);
  const go = (next) =>
    ctx.go(
      `/assessment${api.qs({ document: next.document ?? documentId, period: next.period ?? period, unit: next.unit ?? undefined })}`,
    );

  const docSelect = h(
    'select',
    { id: 'assess-doc', name: 'document' },
    docs.map((d) =>
      h('option', { value: d.id, selected: d.id === documentId }, d.title || d.sourceFile || d.id),
    ),
  );
  const periodSelect = h(
    'select',
    { id: 'assess-period', name: 'period' },
    periodOptions(ctx.now, period),
  );
  const form = h(
    'form',
    {
      class: 'inline-form',
      onsubmit: (e) => {
        e.preventDefault();
        go({ document: docSelect.value, period: periodSelect.value });
      },
    },
    h('label', { for: 'assess-doc' }, t('assess.document')),
    docSelect,
    h('label', { for: 'assess-period' }, t('assess.period')),
    periodSelect,
    h('button', { type: 'submit', class: 'btn primary' }, t('assess.show')),
  );
  const head = h(
    'div',
    { class: 'page-head' },
    h('h1', {}, t('assess.title')),
    h('p', { class: 'muted' }, t('assess.lead')),
    form,
  );
  if (!documentId) return mount(main, head, empty(t('docs.none')));

  let result;
  try {
    result = await api.get(`/api/documents/${documentId}/assessment${api.qs({ period })}`);
  } catch (err) {
    if (err.status === 404) return mount(main, head, empty(t('assess.notYours')));
    throw err;
  }
  const selectedId =
    params.get('unit') || (isReader ? null : result.units[0] && result.units[0].unit.id);
  const selected =
    result.units.find((u) => u.unit.id === selectedId) || (!isReader ? result.units[0] : null);

  const exportBtn = isReader
    ? h(
        'button',
        {
          type: 'button',
          class: 'btn',
          onclick: async () => {
            try {
              const name = await api.download(
                `/api/documents/${documentId}/assessment/workbook${api.qs({ period })}`,
                'assessment.xlsx',
              );
              toast(`${t('docs.downloaded')} ${name}`);
            } catch (err) {
              toast(errorText(err), 'error');
            }
          },
        },
        t('assess.export'),
      )
    : null;

  const ranking = section(
    tf('assess.ranking', { period: periodText(period) }),
    h(
      'p',
      { class: 'muted small' },
      tf('assess.ranked', { n: result.rankedUnits }),
      ' ',
      exportBtn,
    ),
    table(
      [
        t('assess.col.rank'),
        t('assess.col.unit'),
        t('assess.col.score'),
        t('assess.col.deducted'),
        t('assess.col.added'),
        '',
      ],
      result.units.map((u) =>
        h(
          'tr',
          { class: selected && selected.unit.id === u.unit.id ? 'current' : '' },
          h('td', {}, String(u.rank)),
          h('td', {}, u.unit.name),
          h('td', {}, h('strong', {}, String(u.score))),
          h('td', {}, u.deducted ? `-${u.deducted}` : '0'),
          h('td', {}, u.added ? `+${u.added}` : '0'),
          h(
            'td',
            {},
            isReader
              ? h(
                  'a',
                  {
                    href: `/assessment${api.qs({ document: documentId, period, unit: u.unit.id })}`,
                    class: 'btn small',
                    'aria-label': tf('assess.detailFor', { unit: u.unit.name }),
                  },
                  t('assess.detail'),
                )
              : null,
          ),
        ),
      ),
    ),
  );

  const detail = selected
    ? section(
        tf('assess.breakdown', {
          unit: selected.unit.name,
          score: selected.score,
          rank: selected.rank,
        }),
        isOffice
          ? h(
              'p',
              {},
              h(
                'button',
                {
                  type: 'button',
                  class: 'btn',
                  onclick: () => adjust(documentId, period, selected, ctx),
                },
                t('assess.adjust'),
              ),
            )
          : null,
        breakdown(selected),
      )
    : null;

  mount(
    main,
    head,
    h(
      'div',
      { class: 'grid-2' },
      h('div', {}, ranking, detail),
      h('div', {}, schemeSection(result.scheme, documentId, isOffice, ctx)),
    ),
  );
}

async function adjust(documentId, period, u, ctx) {
  const points = h('input', {
    name: 'points',
    type: 'number',
    step: '0.5',
    min: '-1000',
    max: '1000',
    required: true,
  });
  const values = await askDialog({
    title: tf('assess.adjustTitle', { unit: u.unit.name, period: periodText(period) }),
    fields: [
      {
        name: 'points',
        el: h(
          'div',
          { class: 'field' },
          h('label', { for: 'adjust-points' }, t('assess.points')),
          Object.assign(points, { id: 'adjust-points' }),
          h('small', { class: 'hint' }, t('assess.pointsHint')),
        ),
        value: () => Number(points.value),
      },
      inputField('reason', t('assess.reason'), {
        multiline: true,
        maxlength: 2000,
        required: true,
      }),
    ],
    submitLabel: t('assess.adjust'),
  });
  if (!values) return;
  try {
    await api.post(`/api/documents/${documentId}/assessment/adjustments`, {
      unitId: u.unit.id,
      period,
      points: values.points,
      reason: values.reason,
    });
    toast(t('assess.adjusted'));
    await ctx.refresh();
  } catch (err) {
    toast(errorText(err), 'error');
  }
}

const SCHEME_FIELDS = [
  ['base', 'assess.scheme.base'],
  ['lateReport', 'assess.scheme.lateReport'],
  ['escalationRung.2', 'assess.scheme.rung2'],
  ['escalationRung.3', 'assess.scheme.rung3'],
  ['reportReturned', 'assess.scheme.reportReturned'],
  ['declinedNotReassigned', 'assess.scheme.declined'],
  ['completedOnTime', 'assess.scheme.completedOnTime'],
  ['urged', 'assess.scheme.urged'],
];

function schemeSection(scheme, documentId, isOffice, ctx) {
  const valueOf = (path) => path.split('.').reduce((o, k) => o[k], scheme);
  if (!isOffice) {
    return section(
      t('assess.scheme'),
      h(
        'dl',
        { class: 'facts' },
        SCHEME_FIELDS.map(([path, key]) => [
          h('dt', {}, t(key)),
          h('dd', {}, String(valueOf(path))),
        ]),
      ),
    );
  }
  const inputs = SCHEME_FIELDS.map(([path, key]) => [
    path,
    h('input', {
      id: `scheme-${path}`,
      type: 'number',
      step: '0.5',
      min: '0',
      max: '1000',
      required: true,
      value: String(valueOf(path)),
    }),
    key,
  ]);
  const form = h(
    'form',
    {
      class: 'scheme-form',
      onsubmit: async (e) => {
        e.preventDefault();
        const v = Object.fromEntries(inputs.map(([path, input]) => [path, Number(input.value)]));
        const body = {
          base: v.base,
          lateReport: v.lateReport,
          escalationRung: { 2: v['escalationRung.2'], 3: v['escalationRung.3'] },
          reportReturned: v.reportReturned,
          declinedNotReassigned: v.declinedNotReassigned,
          completedOnTime: v.completedOnTime,
          urged: v.urged,
        };
        try {
          await api.put(`/api/documents/${documentId}/assessment-scheme`, body);
          toast(t('assess.schemeSaved'));
          await ctx.refresh();
        } catch (err) {
          toast(errorText(err), 'error');
        }
      },
    },
    inputs.map(([, input, key]) =>
      h('div', { class: 'field' }, h('label', { for: input.id }, t(key)), input),
    ),
    h('button', { type: 'submit', class: 'btn primary' }, t('assess.saveScheme')),
  );
  return section(
    t('assess.scheme'),
    h('p', { class: 'muted small' }, t('assess.schemeHint')),
    form,
  );
}
