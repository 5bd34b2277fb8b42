// 动态调整: the office amends a task (units, deadline, targets, text) with a required reason, and
// everyone who may read the task sees its version history. The mid-term review (中期评估) of a
// document lives here too: progress against the plan's timeline, tasks at risk, units behind.
import * as api from '../api.js';
import { midtermRiskText, t, tf } from '../i18n.js';
import { dateTime, empty, errorText, field, h, mount, section, table, toast } from '../ui.js';

const fieldName = (f) => t(`amend.field.${f}`, f);

/** One version on the timeline: 第N版, when it came into force, who, what changed and why. */
function versionItem(v) {
  return h(
    'li',
    { class: 'version', 'data-version': String(v.version) },
    h('strong', {}, tf('amend.version', { n: v.version })),
    ' ',
    h('time', { datetime: v.effectiveFrom }, dateTime(v.effectiveFrom)),
    ' · ',
    t(`amend.source.${v.source}`, v.source),
    v.amendedBy ? ` · ${v.amendedBy.name || ''}` : '',
    v.changed.length
      ? h('div', {}, `${t('amend.changed')}：${v.changed.map(fieldName).join('、')}`)
      : null,
    v.reason ? h('div', { class: 'muted small' }, `${t('amend.reason')}：${v.reason}`) : null,
    h(
      'div',
      { class: 'muted small' },
      `${t('task.deadline')}：${v.deadlineOn || '—'} · ${t('task.leads')}：${v.leadUnits.map((u) => u.name).join('、') || '—'}`,
      v.supportUnits.length
        ? ` · ${t('task.supports')}：${v.supportUnits.map((u) => u.name).join('、')}`
        : '',
    ),
  );
}

const multiSelect = (name, units, chosen) =>
  h(
    'select',
    { name, multiple: true, size: 6 },
    units.map((u) => h('option', { value: u.id, selected: chosen.includes(u.id) || null }, u.name)),
  );

const selected = (select) => [...select.selectedOptions].map((o) => o.value);

const sameSet = (a, b) => a.length === b.length && a.every((x) => b.includes(x));

// One target a line: text | planned value | unit (the value and unit may be left out).
const targetsText = (targets) =>
  targets.map((x) => [x.text, x.value ?? '', x.unit ?? ''].join(' | ')).join('\n');
const parseTargets = (text) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [tx, value, unit] = l.split('|').map((p) => p.trim());
      return { text: tx, value: value ? Number(value) : null, unit: unit || null, by: null };
    });

/** The amendment form (office, open task) and the version history, for the task's page. */
export async function amendmentSection(detail, ctx) {
  const versions = await api.get(`/api/tasks/${detail.id}/versions`);
  const history = section(
    t('amend.history'),
    h('ol', { class: 'versions' }, versions.map(versionItem)),
  );
  if (!ctx.me.roles.includes('office') || detail.state !== 'open') return history;
  const units = (await api.get('/api/units')).sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  const lead = detail.leadUnits.map((u) => u.id);
  const support = detail.supportUnits.map((u) => u.id);
  const controls = {
    heading: h('input', { name: 'heading', value: detail.heading, maxlength: 1000 }),
    deadlineOn: h('input', { name: 'deadlineOn', type: 'date', value: detail.deadlineOn || '' }),
    leadUnitIds: multiSelect('leadUnitIds', units, lead),
    supportUnitIds: multiSelect('supportUnitIds', units, support),
    targets: h('textarea', { name: 'targets', rows: 3 }, targetsText(detail.targets)),
    reason: h('textarea', { name: 'reason', rows: 2, required: true, maxlength: 2000 }),
  };
  const form = h(
    'form',
    { class: 'amend-form', 'aria-label': t('amend.title') },
    field(fieldName('heading'), controls.heading),
    field(fieldName('deadlineOn'), controls.deadlineOn),
    field(fieldName('leadUnitIds'), controls.leadUnitIds, t('amend.multiHint')),
    field(fieldName('supportUnitIds'), controls.supportUnitIds),
    field(fieldName('targets'), controls.targets, t('amend.targetsHint')),
    field(t('amend.reason'), controls.reason, t('amend.reasonHint')),
    h('button', { type: 'submit', class: 'btn primary' }, t('amend.submit')),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    const body = { reason: controls.reason.value.trim() };
    if (controls.heading.value.trim() !== detail.heading)
      body.heading = controls.heading.value.trim();
    if ((controls.deadlineOn.value || null) !== (detail.deadlineOn || null))
      body.deadlineOn = controls.deadlineOn.value || null;
    if (!sameSet(selected(controls.leadUnitIds), lead))
      body.leadUnitIds = selected(controls.leadUnitIds);
    if (!sameSet(selected(controls.supportUnitIds), support))
      body.supportUnitIds = selected(controls.supportUnitIds);
    const targets = parseTargets(controls.targets.value);
    if (targetsText(targets) !== targetsText(detail.targets)) body.targets = targets;
    try {
      const v = await api.post(`/api/tasks/${detail.id}/amendments`, body);
      toast(tf('amend.done', { n: v.version }));
      await ctx.refresh();
    } catch (err) {
      toast(errorText(err), 'error');
    }
  });
  return [
    section(t('amend.title'), h('p', { class: 'muted small' }, t('amend.hint')), form),
    history,
  ];
}

const pct = (x) => (x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`);

/** /office/documents/:id/midterm: the document's mid-term review. */
export async function midtermPage(main, { id }) {
  const r = await api.get(`/api/documents/${id}/midterm-review`);
  const summary = h(
    'dl',
    { class: 'facts' },
    h('dt', {}, t('midterm.period')),
    h('dd', {}, `${r.startOn} — ${r.endOn}`),
    h('dt', {}, t('midterm.elapsed')),
    h('dd', { 'data-elapsed': String(r.elapsedShare) }, pct(r.elapsedShare)),
    h('dt', {}, t('midterm.meanProgress')),
    h('dd', {}, pct(r.meanTargetProgress)),
    h('dt', {}, t('midterm.atRiskCount')),
    h('dd', {}, `${r.atRisk.length} / ${r.tasks.length}`),
  );
  const targetRows = r.tasks.flatMap((task) =>
    task.targets.map((g) =>
      h(
        'tr',
        { class: g.behind ? 'behind' : '' },
        h('td', {}, task.label),
        h('td', {}, g.text),
        h('td', {}, g.planned ?? '—'),
        h('td', {}, g.reported ?? '—'),
        h('td', {}, pct(g.progress)),
        h('td', {}, g.gap === null ? '—' : `${g.gap > 0 ? '+' : ''}${Math.round(g.gap * 100)}`),
      ),
    ),
  );
  mount(
    main,
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, t('midterm.title')),
      h('p', { class: 'meta muted' }, r.documentTitle ? `《${r.documentTitle}》` : ''),
      h(
        'button',
        {
          type: 'button',
          class: 'btn',
          'data-action': 'export-midterm',
          onclick: async () => {
            try {
              const name = await api.download(
                `/api/documents/${id}/midterm-review/workbook`,
                'midterm-review.xlsx',
              );
              toast(`${t('docs.downloaded')} ${name}`);
            } catch (err) {
              toast(errorText(err), 'error');
            }
          },
        },
        t('midterm.export'),
      ),
    ),
    section(t('midterm.summary'), summary),
    section(
      t('midterm.targets'),
      targetRows.length
        ? table(
            [
              t('midterm.col.task'),
              t('midterm.col.target'),
              t('midterm.col.planned'),
              t('midterm.col.reported'),
              t('midterm.col.progress'),
              t('midterm.col.gap'),
            ],
            targetRows,
          )
        : empty('—'),
    ),
    section(
      t('midterm.atRisk'),
      r.atRisk.length
        ? table(
            [
              t('midterm.col.task'),
              t('midterm.col.heading'),
              t('midterm.col.leads'),
              t('midterm.col.risks'),
            ],
            r.atRisk.map((x) =>
              h(
                'tr',
                {},
                h('td', {}, h('a', { href: `/tasks/${x.taskId}` }, x.label)),
                h('td', {}, x.heading),
                h('td', {}, x.leadUnits.map((u) => u.name).join('、')),
                h('td', {}, x.risks.map(midtermRiskText).join('、')),
              ),
            ),
          )
        : empty(t('midterm.noneAtRisk')),
    ),
    section(
      t('midterm.unitsBehind'),
      r.unitsBehind.length
        ? table(
            [t('midterm.col.unit'), t('midterm.col.tasks'), t('midterm.col.atRisk')],
            r.unitsBehind.map((u) =>
              h('tr', {}, h('td', {}, u.unitName), h('td', {}, u.tasks), h('td', {}, u.atRisk)),
            ),
          )
        : empty(t('midterm.noneBehind')),
    ),
  );
}
