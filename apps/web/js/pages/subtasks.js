// 分解下达: a task's sub-tasks. The lead unit hands parts down, edits, removes and records their
// progress; the task's other units, the office and the leaders read the tree. The server says who
// writes (canWrite) and colours each sub-task by the tasks' one status rule.
import * as api from '../api.js';
import { t, tf } from '../i18n.js';
import {
  askDialog,
  empty,
  errorText,
  field,
  h,
  inputField,
  rag,
  section,
  table,
  toast,
} from '../ui.js';

const STATUSES = ['not_started', 'in_progress', 'done'];

/** The sub-task section of a task page; null when the tree is empty and the reader cannot write. */
export async function subtaskSection(detail, ctx) {
  const tree = await api.get(`/api/tasks/${detail.id}/subtasks`);
  if (!tree.subtasks.length && !tree.canWrite) return null;
  const targets = detail.targets || [];
  const figures = (list) =>
    (list || [])
      .filter((f) => targets[f.index])
      .map((f) => `${targets[f.index].text} ${f.value}${targets[f.index].unit || ''}`)
      .join('；') || '—';
  const headers = [
    t('subtasks.col.title'),
    t('subtasks.col.owner'),
    t('subtasks.col.due'),
    t('subtasks.col.status'),
    t('subtasks.col.progress'),
    t('subtasks.col.shares'),
  ];
  if (tree.canWrite) headers.push('');
  const rows = tree.subtasks.map((s) =>
    h(
      'tr',
      { class: s.isOverdue ? 'overdue' : '', 'data-subtask': s.id },
      h(
        'td',
        {},
        h('strong', {}, s.title),
        s.note ? h('div', { class: 'muted small' }, s.note) : null,
      ),
      h(
        'td',
        {},
        s.ownerName,
        s.ownerEmail ? h('div', { class: 'muted small' }, s.ownerEmail) : null,
      ),
      h(
        'td',
        {},
        s.dueOn,
        s.isOverdue ? [' ', h('span', { class: 'badge overdue' }, t('subtasks.overdue'))] : null,
      ),
      h(
        'td',
        {},
        s.colour === 'done'
          ? h('span', { class: 'rag rag-done' }, t(`subtasks.status.${s.status}`))
          : [rag(s.colour, t(`subtasks.why.${s.colour}`)), ' ', t(`subtasks.status.${s.status}`)],
      ),
      h(
        'td',
        {},
        `${s.percent}%`,
        s.reported.length ? h('div', { class: 'muted small' }, figures(s.reported)) : null,
        s.progressNote ? h('div', { class: 'muted small' }, s.progressNote) : null,
      ),
      h('td', {}, figures(s.shares)),
      tree.canWrite
        ? h(
            'td',
            {},
            h(
              'button',
              {
                type: 'button',
                class: 'btn small',
                'aria-label': tf('subtasks.progressFor', { title: s.title }),
                onclick: () => recordProgress(s, targets, ctx),
              },
              t('subtasks.progress'),
            ),
            ' ',
            h(
              'button',
              {
                type: 'button',
                class: 'btn small',
                'aria-label': tf('subtasks.editFor', { title: s.title }),
                onclick: () => edit(detail, s, ctx),
              },
              t('subtasks.edit'),
            ),
            ' ',
            h(
              'button',
              {
                type: 'button',
                class: 'btn small danger',
                'aria-label': tf('subtasks.removeFor', { title: s.title }),
                onclick: () => remove(s, ctx),
              },
              t('subtasks.remove'),
            ),
          )
        : null,
    ),
  );
  return section(
    t('subtasks.title'),
    tree.subtasks.length ? table(headers, rows, 'subtasks') : empty(t('subtasks.none')),
    tree.canWrite
      ? h(
          'div',
          { class: 'actions' },
          h(
            'button',
            { type: 'button', class: 'btn', onclick: () => add(detail, ctx) },
            t('subtasks.add'),
          ),
        )
      : null,
  );
}

/** Number inputs, one per target of the task, for shares or reported values. */
function figureFields(name, label, targets, known) {
  return targets.map((x, i) => {
    const k = (known || []).find((f) => f.index === i);
    const input = h('input', {
      name: `${name}-${i}`,
      type: 'number',
      step: 'any',
      inputmode: 'decimal',
      value: k ? k.value : '',
    });
    return {
      name: `${name}-${i}`,
      el: field(`${label}：${x.text}${x.unit ? `（${x.unit}）` : ''}`, input),
      value: () => (input.value === '' ? null : { index: i, value: Number(input.value) }),
    };
  });
}

const collect = (values, name) =>
  Object.entries(values)
    .filter(([k, v]) => k.startsWith(`${name}-`) && v)
    .map(([, v]) => v);

function subtaskFields(detail, s) {
  return [
    inputField('title', t('subtasks.field.title'), {
      required: true,
      maxlength: 500,
      value: s?.title || '',
    }),
    inputField('ownerName', t('subtasks.field.owner'), {
      required: true,
      maxlength: 200,
      value: s?.ownerName || '',
    }),
    inputField('ownerEmail', t('subtasks.field.email'), {
      type: 'email',
      maxlength: 320,
      value: s?.ownerEmail || '',
    }),
    inputField('dueOn', t('subtasks.field.due'), {
      type: 'date',
      required: true,
      max: detail.deadlineOn || undefined,
      value: s?.dueOn || '',
    }),
    ...figureFields('share', t('subtasks.field.share'), detail.targets || [], s?.shares),
    inputField('note', t('subtasks.field.note'), {
      multiline: true,
      maxlength: 5000,
      value: s?.note || '',
    }),
  ];
}

const bodyOf = (v) => ({
  title: v.title,
  ownerName: v.ownerName,
  ownerEmail: v.ownerEmail || null,
  dueOn: v.dueOn,
  shares: collect(v, 'share'),
  ...(v.note ? { note: v.note } : {}),
});

async function attempt(run, done, ctx) {
  try {
    await run();
    toast(done);
    await ctx.refresh();
  } catch (err) {
    toast(errorText(err), 'error');
  }
}

async function add(detail, ctx) {
  const v = await askDialog({
    title: t('subtasks.add'),
    fields: subtaskFields(detail, null),
    submitLabel: t('subtasks.save'),
  });
  if (!v) return;
  await attempt(
    () => api.post(`/api/tasks/${detail.id}/subtasks`, bodyOf(v)),
    tf('subtasks.added', { title: v.title }),
    ctx,
  );
}

async function edit(detail, s, ctx) {
  const v = await askDialog({
    title: tf('subtasks.editFor', { title: s.title }),
    fields: subtaskFields(detail, s),
    submitLabel: t('subtasks.save'),
  });
  if (!v) return;
  const body = bodyOf(v);
  if (!v.note) body.note = '';
  await attempt(
    () => api.request('PATCH', `/api/subtasks/${s.id}`, body),
    tf('subtasks.saved', { title: v.title }),
    ctx,
  );
}

async function remove(s, ctx) {
  const v = await askDialog({
    title: tf('subtasks.removeFor', { title: s.title }),
    fields: [{ name: 'info', el: h('p', {}, t('subtasks.removeHint')), value: () => true }],
    submitLabel: t('subtasks.remove'),
    danger: true,
  });
  if (!v) return;
  await attempt(
    () => api.request('DELETE', `/api/subtasks/${s.id}`),
    tf('subtasks.removed', { title: s.title }),
    ctx,
  );
}

async function recordProgress(s, targets, ctx) {
  const status = h(
    'select',
    { name: 'status', required: true },
    STATUSES.map((x) =>
      h('option', { value: x, selected: s.status === x }, t(`subtasks.status.${x}`)),
    ),
  );
  const v = await askDialog({
    title: tf('subtasks.progressFor', { title: s.title }),
    fields: [
      { name: 'status', el: field(t('subtasks.field.status'), status), value: () => status.value },
      inputField('percent', t('subtasks.field.percent'), {
        type: 'number',
        min: 0,
        max: 100,
        step: 1,
        required: true,
        value: s.percent,
      }),
      ...figureFields('reported', t('subtasks.field.reported'), targets, s.reported),
      inputField('note', t('subtasks.field.progressNote'), {
        multiline: true,
        maxlength: 2000,
        value: s.progressNote || '',
      }),
    ],
    submitLabel: t('subtasks.save'),
  });
  if (!v) return;
  await attempt(
    () =>
      api.put(`/api/subtasks/${s.id}/progress`, {
        status: v.status,
        percent: Number(v.percent),
        reported: collect(v, 'reported'),
        ...(v.note ? { note: v.note } : {}),
      }),
    tf('subtasks.progressSaved', { title: s.title }),
    ctx,
  );
}

/** 汇总子任务进展: the server's roll-up of the unit's sub-tasks, proposed for the report draft (not saved). */
export function draftFromSubtasks(reportId) {
  return api.post(`/api/reports/${reportId}/draft-from-subtasks`);
}
