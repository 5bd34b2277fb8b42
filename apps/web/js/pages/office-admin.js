// Office housekeeping: declined tasks and their reassignment, failed mail with a retry, and one
// document's supervision profile with opening a reporting cycle by hand.
import * as api from '../api.js';
import { t, tf, periodText, cadenceText } from '../i18n.js';
import {
  askDialog,
  badge,
  dateTime,
  dueDay,
  empty,
  errorBox,
  errorText,
  field,
  h,
  inputField,
  moreButton,
  mount,
  section,
  table,
  toast,
} from '../ui.js';
import { unitAccountsCard } from './unit-accounts.js';

/** Declined assignments waiting for the office, each with a reassign dialog. */
export async function declines(main, _params, ctx) {
  const [declined, units] = await Promise.all([
    api.get('/api/assignments/declined'),
    api.get('/api/units'),
  ]);
  const taskIds = [...new Set(declined.map((d) => d.taskId))];
  const tasks = new Map(
    (await Promise.all(taskIds.map((id) => api.get(`/api/tasks/${id}`).catch(() => null))))
      .filter(Boolean)
      .map((x) => [x.id, x]),
  );
  const registered = units
    .filter((u) => !u.successorId)
    .sort((a, b) => a.name.localeCompare(b.name, 'zh'));

  const holders = (task) => (task ? [...task.leadUnits, ...task.supportUnits] : []);
  const rows = declined.map((d) => {
    const task = tasks.get(d.taskId);
    return h(
      'tr',
      { dataset: { assignmentId: d.id } },
      h(
        'td',
        { class: 'task-cell' },
        task
          ? [
              h('strong', {}, h('span', { class: 'num' }, task.number), ' ', task.heading),
              h('div', { class: 'muted small' }, task.documentTitle || ''),
            ]
          : d.taskId,
      ),
      h('td', {}, d.unit.name, ' ', badge('role', d.role)),
      h('td', {}, dateTime(d.declinedAt)),
      h('td', { class: 'reason' }, d.declineReason || '—'),
      h(
        'td',
        {},
        task
          ? h(
              'div',
              { class: 'small' },
              task.leadUnits.length
                ? h(
                    'div',
                    {},
                    `${t('task.leadShort')}：${task.leadUnits.map((u) => u.name).join('、')}`,
                  )
                : null,
              task.supportUnits.length
                ? h(
                    'div',
                    {},
                    `${t('task.supportShort')}：${task.supportUnits.map((u) => u.name).join('、')}`,
                  )
                : null,
            )
          : '—',
      ),
      h(
        'td',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'btn primary small',
            'aria-label': `${t('declines.reassign')} ${task ? task.number : ''} ${d.unit.name}`,
            onclick: () =>
              reassign(
                d,
                task,
                registered.filter(
                  (u) => !holders(task).some((x) => x.id === u.id) && u.id !== d.unit.id,
                ),
                ctx,
              ),
          },
          t('declines.reassign'),
        ),
      ),
    );
  });
  mount(
    main,
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, t('declines.title')),
      h(
        'p',
        { class: 'muted' },
        declined.length ? tf('declines.summary', { n: declined.length }) : t('declines.lead'),
      ),
    ),
    declined.length
      ? table(
          [
            t('cycles.col.task'),
            t('declines.col.unit'),
            t('declines.col.at'),
            t('task.declineReason'),
            t('declines.col.holders'),
            '',
          ],
          rows,
          'stack-on-phone',
        )
      : empty(t('declines.none')),
  );
}

/** A checkbox list of units with a filter box; `value()` is the checked ids. */
function unitPicker(units) {
  const filter = h('input', {
    type: 'search',
    name: 'unit-filter',
    placeholder: t('declines.filter'),
    autocomplete: 'off',
  });
  const boxes = units.map((u) =>
    h('input', { type: 'checkbox', name: 'unitIds', value: u.id, id: `pick-${u.id}` }),
  );
  const items = units.map((u, i) =>
    h('li', { dataset: { name: u.name } }, boxes[i], h('label', { for: `pick-${u.id}` }, u.name)),
  );
  const validate = () =>
    boxes[0] &&
    boxes[0].setCustomValidity(boxes.some((b) => b.checked) ? '' : t('declines.pickOne'));
  for (const b of boxes) b.addEventListener('change', validate);
  validate();
  filter.addEventListener('input', () => {
    const q = filter.value.trim();
    for (const li of items) li.hidden = Boolean(q) && !li.dataset.name.includes(q);
  });
  const el = h(
    'fieldset',
    { class: 'unit-picker' },
    h('legend', {}, t('declines.newUnits')),
    field(t('declines.filterLabel'), filter),
    units.length ? h('ul', { class: 'plain picker-list' }, items) : empty(t('declines.noUnits')),
  );
  return { name: 'unitIds', el, value: () => boxes.filter((b) => b.checked).map((b) => b.value) };
}

async function reassign(d, task, candidates, ctx) {
  const title = `${t('declines.reassign')} — ${task ? `${task.number} ${task.heading}` : ''}`;
  const values = await askDialog({
    title,
    fields: [
      {
        name: 'info',
        el: h(
          'p',
          { class: 'muted small' },
          tf('declines.dialogLead', { unit: d.unit.name, role: t(`state.role.${d.role}`) }),
        ),
        value: () => null,
      },
      unitPicker(candidates),
      inputField('note', t('declines.note'), { multiline: true, maxlength: 1000 }),
    ],
    submitLabel: t('declines.reassign'),
  });
  if (!values) return;
  try {
    const body = { unitIds: values.unitIds };
    if (values.note) body.note = values.note;
    const res = await api.post(`/api/assignments/${d.id}/reassign`, body);
    toast(tf('declines.done', { units: res.created.map((a) => a.unit.name).join('、') }));
    await ctx.refresh();
  } catch (err) {
    toast(errorText(err), 'error');
  }
}

/** Mail that failed or is being retried, with a retry button each. */
export async function deliveries(main, _params, ctx) {
  const pageOf = (cursor) =>
    api.get(
      `/api/deliveries/failed?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
  const first = await pageOf(null);
  const list = first.items;
  const retry = async (d, button) => {
    button.disabled = true;
    try {
      await api.post(`/api/deliveries/${d.id}/retry`);
      toast(tf('mail.retried', { who: d.recipientName }));
      await ctx.refresh();
    } catch (err) {
      button.disabled = false;
      toast(errorText(err), 'error');
    }
  };
  const row = (d) => {
    const button = h(
      'button',
      {
        type: 'button',
        class: 'btn small primary',
        'aria-label': `${t('mail.retry')} ${d.recipientName} ${d.subject}`,
      },
      t('mail.retry'),
    );
    button.addEventListener('click', () => retry(d, button));
    return h(
      'tr',
      { dataset: { deliveryId: d.id } },
      h('td', {}, badge('mail', d.state)),
      h(
        'td',
        {},
        d.recipientName,
        h('div', { class: 'muted small' }, d.email || t('mail.noEmail')),
      ),
      h(
        'td',
        {},
        d.subject,
        h(
          'div',
          { class: 'muted small' },
          d.type === 'digest' ? t('mail.digest') : t(`notice.${d.noticeKind}`, d.noticeKind || ''),
        ),
      ),
      h('td', { class: 'num-cell' }, String(d.attempts)),
      h('td', { class: 'error-cell' }, h('code', {}, d.lastError || '—')),
      h('td', {}, dateTime(d.failedAt || d.createdAt)),
      h('td', {}, button),
    );
  };
  const rows = list.map(row);
  mount(
    main,
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, t('mail.title')),
      h(
        'p',
        { class: 'muted' },
        list.length
          ? tf('mail.summary', {
              n: list.length,
              failed: list.filter((d) => d.state === 'failed').length,
            })
          : t('mail.lead'),
      ),
    ),
    list.length
      ? table(
          [
            t('mail.col.state'),
            t('mail.col.to'),
            t('mail.col.subject'),
            t('mail.col.attempts'),
            t('mail.col.error'),
            t('mail.col.at'),
            '',
          ],
          rows,
          'stack-on-phone',
        )
      : empty(t('mail.none')),
    list.length
      ? moreButton(first.nextCursor, pageOf, (items) =>
          main.querySelector('tbody')?.append(...items.map(row)),
        )
      : null,
  );
}

const DAY_FIELDS = [
  ['dueOffsetDays', 'profile.dueOffsetDays', 'profile.hint.dueOffsetDays'],
  ['reminderDaysBefore', 'profile.reminderDaysBefore', 'profile.hint.reminderDaysBefore'],
  ['overdueDaysAfter', 'profile.overdueDaysAfter', 'profile.hint.overdueDaysAfter'],
  ['supervisionDaysAfter', 'profile.supervisionDaysAfter', 'profile.hint.supervisionDaysAfter'],
  ['leadingGroupDaysAfter', 'profile.leadingGroupDaysAfter', 'profile.hint.leadingGroupDaysAfter'],
  ['ackReminderDays', 'profile.ackReminderDays', 'profile.hint.ackReminderDays'],
  ['ackOverdueDays', 'profile.ackOverdueDays', 'profile.hint.ackOverdueDays'],
  ['revisionDays', 'profile.revisionDays', 'profile.hint.revisionDays'],
];
const PERIOD_RE = '[0-9]{4}-(Q[1-4]|H[12]|M(0[1-9]|1[0-2])|Y)';

/** The period a cadence is in at `now` (Beijing time), in the API's notation. */
function periodAt(cadence, now) {
  const [y, m] = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
  })
    .format(now)
    .split('-')
    .map(Number);
  if (cadence === 'monthly') return `${y}-M${String(m).padStart(2, '0')}`;
  if (cadence === 'half-yearly') return `${y}-H${m <= 6 ? 1 : 2}`;
  if (cadence === 'yearly') return `${y}-Y`;
  return `${y}-Q${Math.ceil(m / 3)}`;
}

/** One document: its supervision profile (view and edit) and its cycles, with opening one by hand. */
export async function documentPage(main, { id }, ctx) {
  // The cadences come from the server's one list (GET /api/web/vocabulary), never a copy here.
  const [doc, taskTree, profile, cycleList, vocabulary] = await Promise.all([
    api.get(`/api/documents/${id}`),
    api.get(`/api/documents/${id}/tree`),
    api.get(`/api/documents/${id}/supervision-profile`),
    api.get(`/api/cycles${api.qs({ documentId: id })}`),
    api.get('/api/web/vocabulary'),
  ]);
  const fromClauses = profile.fromClauses || {};
  const source = (key) => (key in fromClauses ? t('profile.fromClause') : null);

  const cadence = h(
    'select',
    { name: 'cadence' },
    vocabulary.cadences.map((c) =>
      h('option', { value: c, selected: profile.cadence === c }, cadenceText(c)),
    ),
  );
  const working = h('input', {
    type: 'checkbox',
    name: 'countWorkingDays',
    id: 'profile-working',
    checked: profile.countWorkingDays,
  });
  const days = Object.fromEntries(
    DAY_FIELDS.map(([key]) => [
      key,
      h('input', {
        type: 'number',
        name: key,
        min: 0,
        max: 120,
        step: 1,
        required: true,
        value: String(profile[key] ?? ''),
        inputmode: 'numeric',
      }),
    ]),
  );
  const status$ = h('div', { 'aria-live': 'polite' });
  const dayField = ([key, label, hint]) => {
    days[key].id = `profile-${key}`;
    return h(
      'div',
      { class: 'field' },
      h('label', { for: days[key].id }, t(label)),
      h('div', { class: 'with-unit' }, days[key], h('span', { class: 'unit' }, t('profile.days'))),
      h('small', { class: 'hint' }, [t(hint), source(key)].filter(Boolean).join(' · ')),
    );
  };

  const form = h(
    'form',
    {
      class: 'profile-form',
      onsubmit: async (e) => {
        e.preventDefault();
        status$.replaceChildren();
        if (!form.reportValidity()) return;
        const patch = {};
        if (cadence.value !== profile.cadence) patch.cadence = cadence.value;
        if (working.checked !== profile.countWorkingDays) patch.countWorkingDays = working.checked;
        for (const [key] of DAY_FIELDS) {
          const v = Number(days[key].value);
          if (v !== profile[key]) patch[key] = v;
        }
        if (!Object.keys(patch).length) {
          toast(t('profile.unchanged'));
          return;
        }
        try {
          await api.request('PATCH', `/api/documents/${id}/supervision-profile`, patch);
          toast(t('profile.saved'));
          await ctx.refresh();
        } catch (err) {
          status$.append(errorBox(err));
        }
      },
    },
    h(
      'div',
      { class: 'two' },
      field(
        t('profile.cadence'),
        cadence,
        [t('profile.hint.cadence'), source('cadence')].filter(Boolean).join(' · '),
      ),
      dayField(DAY_FIELDS[0]),
    ),
    h(
      'div',
      { class: 'field check' },
      h(
        'label',
        { for: 'profile-working', class: 'check-label' },
        working,
        ' ',
        t('profile.countWorkingDays'),
      ),
      h('small', { class: 'hint' }, t('profile.hint.countWorkingDays')),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, t('profile.ladder')),
      h('div', { class: 'four' }, DAY_FIELDS.slice(1, 5).map(dayField)),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, t('profile.ackAndRevision')),
      h('div', { class: 'four' }, DAY_FIELDS.slice(5).map(dayField)),
    ),
    status$,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'btn primary' }, t('profile.save')),
    ),
  );

  const period = h('input', {
    name: 'period',
    required: true,
    pattern: PERIOD_RE,
    value: periodAt(profile.cadence, ctx.now),
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const open$ = h('div', { 'aria-live': 'polite' });
  const openForm = h(
    'form',
    {
      class: 'inline-form',
      onsubmit: async (e) => {
        e.preventDefault();
        open$.replaceChildren();
        if (!openForm.reportValidity()) return;
        try {
          if (!(await confirmLateOpening(id, period.value.trim()))) return;
          const opened = await api.post('/api/cycles', {
            documentId: id,
            period: period.value.trim(),
          });
          toast(
            opened.created
              ? tf('cycleOpen.opened', { period: periodText(opened.period), n: opened.reports })
              : tf('cycleOpen.already', { period: periodText(opened.period) }),
          );
          await ctx.refresh();
        } catch (err) {
          open$.append(errorBox(err));
        }
      },
    },
    field(t('cycleOpen.period'), period, t('cycleOpen.hint')),
    h('button', { type: 'submit', class: 'btn primary' }, t('cycleOpen.submit')),
  );

  cycleList.sort((a, b) => String(b.period).localeCompare(String(a.period)));
  const facts = factsForm(doc, ctx);
  mount(
    main,
    h(
      'div',
      { class: 'page-head' },
      h(
        'p',
        { class: 'crumbs' },
        h('a', { href: '/office/documents' }, t('docs.title')),
        ' / ',
        doc.docNumber || t('profile.title'),
      ),
      h('h1', {}, doc.title || doc.sourceFile || t('doc.untitled')),
      h(
        'p',
        { class: 'meta' },
        [doc.issuer, doc.docNumber, doc.issuedOn].filter(Boolean).join(' · '),
      ),
      h(
        'p',
        {},
        h('a', { href: `/documents/${id}/midterm`, class: 'btn small' }, t('midterm.title')),
      ),
    ),
    // Units of the document without an account come first: nobody can act for them until they have one.
    unitAccountsCard(id),
    h(
      'div',
      { class: 'grid-2' },
      h(
        'div',
        {},
        section(t('tree.title'), treeView(taskTree)),
        section(t('doc.facts'), facts),
        section(t('profile.title'), h('p', { class: 'muted small' }, t('profile.lead')), form),
      ),
      h(
        'div',
        {},
        section(
          t('cycleOpen.title'),
          h('p', { class: 'muted small' }, t('cycleOpen.lead')),
          openForm,
          open$,
        ),
        section(
          t('docs.col.cycles'),
          cycleList.length
            ? table(
                [
                  t('cycles.col.period'),
                  t('cycles.col.state'),
                  t('cycles.col.due'),
                  t('cycles.col.rate'),
                ],
                cycleList.map((c) =>
                  h(
                    'tr',
                    {},
                    h('td', {}, h('a', { href: `/office/cycles/${c.id}` }, periodText(c.period))),
                    h('td', {}, badge('cycle', c.state)),
                    h('td', {}, dueDay(c.dueAt)),
                    h('td', {}, `${c.submitted}/${c.reports}`),
                  ),
                ),
              )
            : empty(t('cycles.none')),
        ),
        doc.supervisionClauses && doc.supervisionClauses.length
          ? section(
              t('profile.clauses'),
              h(
                'ul',
                { class: 'plain small' },
                doc.supervisionClauses.map((c) =>
                  h('li', {}, h('span', { class: 'num' }, (c.path || []).join('')), ' ', c.text),
                ),
              ),
            )
          : null,
      ),
    ),
  );
}

/** The office corrects a document's title, number, issuer and date (the text often lacks them). */
function factsForm(doc, ctx) {
  const input = (name, value, attrs = {}) =>
    h('input', { id: `doc-${name}`, name, value: value || '', autocomplete: 'off', ...attrs });
  const fields = {
    title: input('title', doc.title, { maxlength: 500 }),
    docNumber: input('docNumber', doc.docNumber, { maxlength: 100 }),
    issuer: input('issuer', doc.issuer, { maxlength: 200 }),
    issuedOn: input('issuedOn', doc.issuedOn, { type: 'date' }),
  };
  const status$ = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    {
      class: 'facts-form',
      'aria-label': t('doc.edit'),
      onsubmit: async (e) => {
        e.preventDefault();
        status$.replaceChildren();
        const patch = {};
        for (const [key, el] of Object.entries(fields))
          if (el.value.trim() !== (doc[key] || '')) patch[key] = el.value.trim() || null;
        if (!Object.keys(patch).length) {
          toast(t('profile.unchanged'));
          return;
        }
        try {
          await api.request('PATCH', `/api/documents/${doc.id}`, patch);
          toast(t('doc.saved'));
          await ctx.refresh();
        } catch (err) {
          status$.append(errorBox(err));
        }
      },
    },
    h('div', { class: 'field' }, h('label', { for: 'doc-title' }, t('doc.title')), fields.title),
    h(
      'div',
      { class: 'two' },
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'doc-docNumber' }, t('doc.number')),
        fields.docNumber,
      ),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'doc-issuedOn' }, t('doc.issuedOn')),
        fields.issuedOn,
      ),
    ),
    h('div', { class: 'field' }, h('label', { for: 'doc-issuer' }, t('doc.issuer')), fields.issuer),
    status$,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'btn primary' }, t('doc.edit')),
    ),
  );
  return form;
}

/** The document's task tree, each task with its colour, units and deadline; filter by words or colour. */
function treeView(roots) {
  const words = h('input', {
    type: 'search',
    id: 'tree-filter',
    placeholder: t('tree.filter'),
    'aria-label': t('tree.filter'),
  });
  const colour = h(
    'select',
    { id: 'tree-colour', 'aria-label': t('tree.colour') },
    h('option', { value: '' }, t('tree.allColours')),
    ['red', 'amber', 'green', 'done'].map((c) => h('option', { value: c }, t(`tree.colour.${c}`))),
  );
  const list = h('div');
  const matches = (n, q, c) =>
    n.isTask &&
    (!c || n.colour === c) &&
    (!q ||
      `${n.number} ${n.heading} ${n.leadUnits.join(' ')} ${n.supportUnits.join(' ')}`.includes(q));
  const keep = (n, q, c) => matches(n, q, c) || n.children.some((x) => keep(x, q, c));
  const render = () => {
    const q = words.value.trim();
    const c = colour.value;
    const branch = (nodes) =>
      h(
        'ul',
        { class: 'tree' },
        nodes
          .filter((n) => keep(n, q, c))
          .map((n) =>
            h(
              'li',
              { class: n.isTask ? 'is-task' : '' },
              h(
                'div',
                { class: 'node' },
                n.colour
                  ? h(
                      'span',
                      {
                        class: `rag rag-${n.colour === 'done' ? 'green' : n.colour}`,
                        title: t(`tree.colour.${n.colour}`),
                      },
                      h('span', { class: 'dot', 'aria-hidden': 'true' }),
                      t(`tree.colour.${n.colour}`),
                    )
                  : null,
                ' ',
                h('span', { class: 'num' }, n.number),
                ' ',
                n.isTask
                  ? h('a', { href: `/tasks/${n.id}` }, n.heading)
                  : h('span', { class: 'node-heading' }, n.heading),
                n.isTask
                  ? h(
                      'span',
                      { class: 'node-meta' },
                      n.leadUnits.length
                        ? h(
                            'span',
                            { class: 'chip' },
                            `${t('task.leadShort')}：${n.leadUnits.join('、')}`,
                          )
                        : null,
                      n.supportUnits.length
                        ? h(
                            'span',
                            { class: 'chip' },
                            `${t('task.supportShort')}：${n.supportUnits.join('、')}`,
                          )
                        : null,
                      n.deadlineOn || n.deadlineText
                        ? h(
                            'span',
                            { class: 'chip' },
                            `${t('task.deadline')}：${n.deadlineOn || n.deadlineText}`,
                          )
                        : null,
                    )
                  : null,
              ),
              n.children.length ? branch(n.children) : null,
            ),
          ),
      );
    const shown = branch(roots);
    list.replaceChildren(shown.childElementCount ? shown : empty(t('search.none')));
  };
  words.addEventListener('input', render);
  colour.addEventListener('change', render);
  render();
  return h('div', {}, h('div', { class: 'two' }, words, colour), list);
}

/**
 * Opening a cycle whose due time has passed starts its ladders late: before the office confirms, say what
 * would be raised at once (at most the current rung per report), what is passed over, and whether the
 * bulletin would go out. A cycle still ahead of its due time opens without asking.
 */
async function confirmLateOpening(documentId, period) {
  const p = await api.post('/api/cycles/preview', { documentId, period });
  if (p.refusal || !p.late) return true;
  const line = (key, n) => (n ? h('li', {}, tf(key, { n })) : null);
  const body = h(
    'div',
    { class: 'late-preview', dataset: { preview: 'late' } },
    h(
      'p',
      {},
      tf('cycleOpen.late.lead', {
        period: periodText(p.period),
        due: dueDay(p.dueAt),
        n: p.reports,
      }),
    ),
    h(
      'ul',
      {},
      line('cycleOpen.late.overdue', p.raised.overdue),
      line('cycleOpen.late.supervision', p.raised.supervision),
      line('cycleOpen.late.leadingGroup', p.raised.leading_group),
      line('cycleOpen.late.passedOver', p.passedOver),
      line('cycleOpen.late.escalations', p.escalations),
      p.bulletin.compiledAtOnce
        ? h('li', {}, tf('cycleOpen.late.bulletin', { n: p.bulletin.recipients }))
        : null,
    ),
    h('p', { class: 'muted small' }, t('cycleOpen.late.once')),
  );
  const ok = await askDialog({
    title: t('cycleOpen.late.title'),
    fields: [{ name: 'preview', el: body, value: () => 'ok' }],
    submitLabel: t('cycleOpen.late.confirm'),
  });
  return ok !== null;
}
