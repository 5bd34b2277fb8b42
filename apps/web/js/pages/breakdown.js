// 各地分解: a task given to a collective (各市人民政府) split per member unit. The office enters the
// grid (localities × targets) or imports an annex table (.xlsx or pasted from Word/WPS); the office
// and leaders see each locality's latest reported value against its share, and the totals.
import * as api from '../api.js';
import { barChart } from '../charts.js';
import { t, tf, periodText } from '../i18n.js';
import { empty, errorText, h, section, table, toast } from '../ui.js';

const num = (v) => (v === null || v === undefined ? '—' : String(v));
const percentText = (p) => (p === null || p === undefined ? '—' : `${p.toFixed(1)}%`);
const tone = (p) => (p === null ? 'blue' : p >= 100 ? 'green' : p >= 50 ? 'amber' : 'red');

function fileToBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Bars per locality for one target: reported / share (inline SVG, the figures as text too). */
function progressBars(target, rows) {
  return h(
    'div',
    { class: 'breakdown-chart' },
    h('h4', {}, target.text, target.unit ? `（${target.unit}）` : ''),
    barChart(
      rows.map((r) => ({
        label: r.unitName,
        value: r.percent === null ? 0 : r.percent / 100,
        note: `${num(r.reported)}/${num(r.share)}${r.measure || ''}`,
        tone: tone(r.percent),
      })),
      { title: target.text, percent: true },
    ),
  );
}

function rollup(view) {
  if (!view.totals.length) return empty(t('breakdown.none'));
  const byTarget = new Map(view.targets.map((x) => [x.index, x]));
  const totals = table(
    [
      t('breakdown.col.target'),
      t('breakdown.col.planned'),
      t('breakdown.col.shareTotal'),
      t('breakdown.col.reportedTotal'),
      t('breakdown.col.percent'),
      t('breakdown.col.reportedLocalities'),
    ],
    view.totals.map((x) =>
      h(
        'tr',
        {},
        h('td', {}, x.text),
        h('td', {}, x.planned === null ? '—' : `${x.planned}${x.unit || ''}`),
        h('td', {}, `${x.shareTotal}${x.unit || ''}`),
        h('td', {}, x.reportedTotal === null ? '—' : `${x.reportedTotal}${x.unit || ''}`),
        h('td', {}, percentText(x.percent)),
        h('td', {}, `${x.reportedLocalities}/${x.localities}`),
      ),
    ),
    'breakdown-totals',
  );
  const localities = [...new Set(view.progress.map((p) => p.unitId))];
  const cell = (unitId, index) =>
    view.progress.find((p) => p.unitId === unitId && p.targetIndex === index);
  const perLocality = table(
    [t('breakdown.col.locality'), ...view.totals.map((x) => byTarget.get(x.targetIndex).text)],
    localities.map((unitId) => {
      const name = view.progress.find((p) => p.unitId === unitId).unitName;
      return h(
        'tr',
        { 'data-unit': unitId },
        h('th', { scope: 'row' }, name),
        view.totals.map((x) => {
          const c = cell(unitId, x.targetIndex);
          return h(
            'td',
            {},
            c
              ? [
                  h(
                    'span',
                    { class: 'bd-figures' },
                    `${num(c.reported)} / ${c.share}${c.measure || ''}`,
                  ),
                  ' ',
                  h('strong', { class: 'bd-pct' }, percentText(c.percent)),
                  c.period ? h('div', { class: 'muted small' }, periodText(c.period)) : null,
                ]
              : '—',
          );
        }),
      );
    }),
    'breakdown-localities',
  );
  const bars = view.totals.map((x) =>
    progressBars(
      byTarget.get(x.targetIndex),
      view.progress.filter((p) => p.targetIndex === x.targetIndex),
    ),
  );
  return [
    h('h3', {}, t('breakdown.totals')),
    totals,
    h('h3', {}, t('breakdown.perLocality')),
    perLocality,
    bars,
  ];
}

/** The grid the office types into: one row per member unit, one column per target. */
function grid(view, onSave) {
  const inputs = [];
  const rows = view.localities.map((l) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, l.unitName),
      view.targets.map((x) => {
        const share = view.shares.find((s) => s.unitId === l.unitId && s.targetIndex === x.index);
        const input = h('input', {
          type: 'number',
          min: 0,
          step: 'any',
          inputmode: 'decimal',
          value: share ? share.value : '',
          'aria-label': tf('breakdown.cellLabel', { unit: l.unitName, target: x.text }),
        });
        inputs.push({ unitId: l.unitId, targetIndex: x.index, input });
        return h(
          'td',
          {},
          h('span', { class: 'with-unit' }, input, h('span', { class: 'unit' }, x.unit || '')),
        );
      }),
    ),
  );
  const form = h(
    'form',
    {
      class: 'breakdown-grid',
      onsubmit: async (e) => {
        e.preventDefault();
        const shares = inputs
          .filter((c) => c.input.value !== '')
          .map((c) => ({
            unitId: c.unitId,
            targetIndex: c.targetIndex,
            value: Number(c.input.value),
          }));
        await onSave(() => api.put(`/api/tasks/${view.taskId}/breakdown`, { shares }));
      },
    },
    table([t('breakdown.col.locality'), ...view.targets.map((x) => x.text)], rows),
    h('button', { type: 'submit', class: 'btn primary' }, t('breakdown.save')),
  );
  return form;
}

function importForm(view, onSave) {
  const file = h('input', {
    type: 'file',
    name: 'file',
    accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'aria-label': t('breakdown.file'),
  });
  const text = h('textarea', {
    name: 'text',
    rows: 5,
    placeholder: t('breakdown.pastePlaceholder'),
    'aria-label': t('breakdown.paste'),
  });
  return h(
    'form',
    {
      class: 'breakdown-import',
      onsubmit: async (e) => {
        e.preventDefault();
        const picked = file.files && file.files[0];
        if (!picked && !text.value.trim()) return toast(t('breakdown.nothing'), 'error');
        const body = picked
          ? { contentBase64: await fileToBase64(picked), fileName: picked.name }
          : { text: text.value };
        await onSave(() => api.post(`/api/tasks/${view.taskId}/breakdown/import`, body));
      },
    },
    h('p', { class: 'muted small' }, t('breakdown.importHint')),
    h('label', { class: 'field' }, h('span', {}, t('breakdown.file')), file),
    h('label', { class: 'field' }, h('span', {}, t('breakdown.paste')), text),
    h('button', { type: 'submit', class: 'btn' }, t('breakdown.import')),
  );
}

/**
 * The task page's 各地分解 card, or null for a task that was not given to a collective. The office
 * gets the grid and the import; everyone who reads the task gets the roll-up.
 */
export async function breakdownCard(taskId, ctx) {
  const view = await api.get(`/api/tasks/${taskId}/breakdown`).catch(() => null);
  if (!view || !view.localities.length || !view.targets.length) return null;
  const isOffice = ctx.me.roles.includes('office');
  const errors = h('div', { 'aria-live': 'polite', class: 'breakdown-errors' });
  const onSave = async (call) => {
    try {
      await call();
      toast(t('breakdown.saved'));
      await ctx.refresh();
    } catch (err) {
      errors.replaceChildren(h('p', { class: 'alert error', role: 'alert' }, errorText(err)));
    }
  };
  return section(
    t('breakdown.title'),
    h(
      'p',
      { class: 'muted small' },
      tf('breakdown.members', {
        group: view.localities[0].groupName || '',
        n: view.localities.length,
      }),
    ),
    h('div', { class: 'breakdown-rollup' }, rollup(view)),
    isOffice
      ? h(
          'details',
          { class: 'breakdown-edit', open: view.shares.length ? null : '' },
          h('summary', {}, t('breakdown.edit')),
          errors,
          importForm(view, onSave),
          grid(view, onSave),
        )
      : null,
  );
}

/** A lead member's own shares by target position, for its report form; empty without a table. */
export async function myShares(taskId, unitId) {
  const view = await api.get(`/api/tasks/${taskId}/breakdown`).catch(() => null);
  const out = new Map();
  for (const s of view ? view.shares : []) if (s.unitId === unitId) out.set(s.targetIndex, s);
  return out;
}
