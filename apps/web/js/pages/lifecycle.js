// A task's end (completion request, 销号, return) and "acknowledge all", as self-contained pieces the
// agency and office pages place where they fit.
import * as api from '../api.js';
import { t, tf } from '../i18n.js';
import { askDialog, dateTime, errorBox, h, inputField, section, toast } from '../ui.js';

const STAGES = ['open', 'requested', 'returned', 'closed'];

function stageText(c) {
  const stage = STAGES.includes(c.stage) ? c.stage : 'open';
  return h(
    'p',
    {},
    h('span', { class: `chip stage-${stage}` }, t(`completion.stage.${stage}`)),
    c.completionRequestedAt
      ? ` · ${t('completion.requestedAt')} ${dateTime(c.completionRequestedAt)}`
      : '',
    c.closedAt ? ` · ${t('completion.closedAt')} ${dateTime(c.closedAt)}` : '',
    c.returnedAt && c.stage === 'returned'
      ? ` · ${t('completion.returnedAt')} ${dateTime(c.returnedAt)}`
      : '',
  );
}

/** The agency's task page: where the task's end stands; the lead unit asks for 办结 with its filed report. */
export async function completionSection(taskId, report, isLead, ctx) {
  const c = await api.get(`/api/tasks/${taskId}/completion`).catch(() => null);
  if (!c) return null;
  const status$ = h('div', { 'aria-live': 'polite' });
  const canAsk =
    isLead &&
    report &&
    ['submitted', 'accepted'].includes(report.state) &&
    (c.stage === 'open' || c.stage === 'returned');
  const ask = async () => {
    status$.replaceChildren();
    try {
      await api.post(`/api/reports/${report.id}/completion-request`);
      toast(t('completion.asked'));
      await ctx.refresh();
    } catch (err) {
      status$.append(errorBox(err));
    }
  };
  return section(
    t('completion.title'),
    stageText(c),
    c.comment
      ? h(
          'p',
          { class: c.stage === 'returned' ? 'alert warn' : 'alert info' },
          `${t('completion.comment')}：${c.comment}`,
        )
      : null,
    isLead && c.stage !== 'closed' && !canAsk
      ? h('p', { class: 'muted small' }, t('completion.hint'))
      : null,
    status$,
    canAsk
      ? h(
          'div',
          { class: 'actions' },
          h('button', { type: 'button', class: 'btn primary', onclick: ask }, t('completion.ask')),
        )
      : null,
  );
}

/** The office's review page: verify and close (销号) a task whose lead unit asked, or return the request. */
export async function completionReview(taskId, ctx) {
  const c = await api.get(`/api/tasks/${taskId}/completion`).catch(() => null);
  if (!c || c.stage === 'open') return null;
  const decide = async (kind) => {
    const values = await askDialog({
      title: t(`completion.do.${kind}`),
      fields: [
        inputField('comment', t('completion.comment'), {
          multiline: true,
          maxlength: 5000,
          required: kind === 'return',
        }),
      ],
      submitLabel: t(`completion.do.${kind}`),
      danger: kind === 'return',
    });
    if (!values) return;
    try {
      await api.post(
        `/api/tasks/${taskId}/${kind === 'close' ? 'close' : 'return-completion'}`,
        values.comment ? { comment: values.comment } : {},
      );
      toast(t(`completion.done.${kind}`));
      await ctx.refresh();
    } catch (err) {
      toast(err.message, 'error');
    }
  };
  return section(
    t('completion.title'),
    stageText(c),
    c.requestingUnit
      ? h('p', { class: 'muted small' }, tf('completion.by', { unit: c.requestingUnit.name }))
      : null,
    c.comment ? h('p', { class: 'alert info' }, `${t('completion.comment')}：${c.comment}`) : null,
    c.stage === 'requested'
      ? h(
          'div',
          { class: 'actions' },
          h(
            'button',
            { type: 'button', class: 'btn primary', onclick: () => decide('close') },
            t('completion.do.close'),
          ),
          h(
            'button',
            { type: 'button', class: 'btn danger', onclick: () => decide('return') },
            t('completion.do.return'),
          ),
        )
      : null,
  );
}

/** My tasks: acknowledge every pending task in one go, unticking those the unit will decline one by one. */
export function ackAllButton(rows, ctx) {
  const pending = rows.filter((r) => r.assignment.state === 'pending');
  if (pending.length < 2) return null;
  const open = async () => {
    const boxes = pending.map((r) => ({
      id: r.assignment.id,
      box: h('input', { type: 'checkbox', checked: true, id: `ack-${r.assignment.id}` }),
      r,
    }));
    const list = h(
      'ul',
      { class: 'plain ack-all-list' },
      boxes.map((b) =>
        h(
          'li',
          {},
          b.box,
          ' ',
          h(
            'label',
            { for: `ack-${b.id}` },
            h('span', { class: 'num' }, b.r.task.number),
            ' ',
            b.r.task.heading,
          ),
        ),
      ),
    );
    const values = await askDialog({
      title: tf('ackAll.title', { n: pending.length }),
      fields: [
        {
          name: 'except',
          el: h('fieldset', {}, h('legend', {}, t('ackAll.hint')), list),
          value: () => boxes.filter((b) => !b.box.checked).map((b) => b.id),
        },
      ],
      submitLabel: t('ackAll.submit'),
    });
    if (!values) return;
    try {
      const res = await api.post('/api/me/assignments/acknowledge', { except: values.except });
      toast(tf('ackAll.done', { n: res.acknowledged.length, left: res.leftPending.length }));
      await ctx.refresh();
    } catch (err) {
      toast(err.message, 'error');
    }
  };
  return h(
    'div',
    { class: 'actions' },
    h(
      'button',
      { type: 'button', class: 'btn primary', onclick: open },
      tf('ackAll.button', { n: pending.length }),
    ),
  );
}
