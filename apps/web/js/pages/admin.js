// The admin's pages: accounts (paged, filtered; create, change roles and unit, disable or enable,
// reset a password) and the unit registry; and everyone's own password page.
import * as api from '../api.js';
import { t, tf } from '../i18n.js';
import {
  askDialog,
  empty,
  errorBox,
  errorText,
  field,
  h,
  inputField,
  mount,
  section,
  table,
  toast,
} from '../ui.js';

const ROLES = ['agency', 'office', 'leader', 'admin'];
const PAGE = 20;

const activeUnits = async () =>
  (await api.get('/api/units'))
    .filter((u) => !u.successorId)
    .sort((a, b) => a.name.localeCompare(b.name, 'zh'));

function unitSelect(units, selected, { name = 'unitId', blank = t('admin.noUnit') } = {}) {
  return h(
    'select',
    { name },
    h('option', { value: '' }, blank),
    units.map((u) => h('option', { value: u.id, selected: u.id === selected }, u.name)),
  );
}

/** A dialog field of role checkboxes; value() is the checked roles. */
function rolesField(checked = []) {
  const boxes = ROLES.map((r) =>
    h('input', { type: 'checkbox', name: 'roles', value: r, checked: checked.includes(r) }),
  );
  const el = h(
    'fieldset',
    { class: 'roles' },
    h('legend', {}, t('admin.col.roles')),
    ROLES.map((r, i) => h('label', { class: 'check' }, boxes[i], ' ', t(`role.${r}`))),
  );
  return { name: 'roles', el, value: () => boxes.filter((b) => b.checked).map((b) => b.value) };
}

function selectField(name, label, select) {
  return { name, el: field(label, select), value: () => select.value };
}

function checkField(name, label, checked) {
  const box = h('input', { type: 'checkbox', name, checked });
  return {
    name,
    el: h('label', { class: 'check field' }, box, ' ', label),
    value: () => box.checked,
  };
}

/** Runs a change; a refused one keeps the dialog's answer on screen as a toast. */
async function attempt(fn, ok) {
  try {
    await fn();
    toast(ok);
    return true;
  } catch (err) {
    toast(errorText(err), 'error');
    return false;
  }
}

export async function accounts(main, _params, ctx) {
  const query = new URLSearchParams(location.search);
  const filter = {
    role: query.get('role') || '',
    unitId: query.get('unitId') || '',
    q: query.get('q') || '',
    isDisabled: query.get('isDisabled') || '',
    offset: Number(query.get('offset') || 0) || 0,
  };
  // ?focus=<username>: the link of a password-help mail. The list is narrowed to the account and
  // its row stands out, its reset button ready.
  const focus = (query.get('focus') || '').trim().toLowerCase();
  if (focus && !filter.q) filter.q = focus;
  const [page, units] = await Promise.all([
    api.get(`/api/users${api.qs({ ...filter, limit: PAGE })}`),
    activeUnits(),
  ]);
  if (!ctx.isCurrent()) return;
  const reload = () => ctx.refresh();
  const goFilter = (next) => ctx.go(`/admin/accounts${api.qs({ ...filter, ...next })}`);

  const roleSel = h(
    'select',
    { name: 'role' },
    h('option', { value: '' }, t('admin.anyRole')),
    ROLES.map((r) => h('option', { value: r, selected: filter.role === r }, t(`role.${r}`))),
  );
  const unitSel = unitSelect(units, filter.unitId, { blank: t('admin.anyUnit') });
  const statusSel = h(
    'select',
    { name: 'isDisabled' },
    h('option', { value: '' }, t('admin.anyStatus')),
    h('option', { value: 'false', selected: filter.isDisabled === 'false' }, t('admin.active')),
    h('option', { value: 'true', selected: filter.isDisabled === 'true' }, t('admin.disabled')),
  );
  const text = h('input', {
    name: 'q',
    type: 'search',
    value: filter.q,
    placeholder: t('admin.searchHint'),
  });
  const filters = h(
    'form',
    {
      class: 'card admin-filters',
      role: 'search',
      onsubmit: (e) => {
        e.preventDefault();
        goFilter({
          role: roleSel.value,
          unitId: unitSel.value,
          isDisabled: statusSel.value,
          q: text.value.trim(),
          offset: 0,
        });
      },
    },
    h(
      'div',
      { class: 'filter-grid' },
      field(t('admin.col.roles'), roleSel),
      field(t('admin.col.unit'), unitSel),
      field(t('admin.col.status'), statusSel),
      field(t('admin.search'), text),
    ),
    h(
      'div',
      { class: 'actions compact' },
      h('button', { type: 'submit', class: 'btn' }, t('admin.filter')),
    ),
  );

  const create = async () => {
    const unitField = selectField('unitId', t('admin.col.unit'), unitSelect(units, filter.unitId));
    const values = await askDialog({
      title: t('admin.create'),
      submitLabel: t('admin.create'),
      fields: [
        inputField('username', t('admin.col.username'), {
          required: true,
          pattern: '[a-z0-9][a-z0-9._\\-]{1,62}',
          autocomplete: 'off',
        }),
        inputField('displayName', t('admin.col.name'), { required: true }),
        inputField('email', t('admin.col.email'), { type: 'email' }),
        rolesField(['agency']),
        unitField,
        checkField('isUnitHead', t('admin.unitHead'), false),
        inputField('password', t('admin.initialPassword'), {
          type: 'password',
          required: true,
          minlength: 8,
          autocomplete: 'new-password',
        }),
      ],
    });
    if (!values) return;
    const body = {
      ...values,
      email: values.email || undefined,
      unitId: values.unitId || undefined,
    };
    if (
      await attempt(
        () => api.post('/api/users', body),
        tf('admin.created', { username: values.username }),
      )
    )
      reload();
  };

  const edit = async (a) => {
    const values = await askDialog({
      title: tf('admin.editTitle', { username: a.username }),
      submitLabel: t('admin.save'),
      fields: [
        inputField('displayName', t('admin.col.name'), { required: true, value: a.displayName }),
        inputField('email', t('admin.col.email'), { type: 'email', value: a.email || '' }),
        rolesField(a.roles),
        selectField('unitId', t('admin.col.unit'), unitSelect(units, a.unit ? a.unit.id : '')),
        checkField('isUnitHead', t('admin.unitHead'), a.isUnitHead),
      ],
    });
    if (!values) return;
    const body = { ...values, email: values.email || null, unitId: values.unitId || null };
    if (
      await attempt(
        () => api.request('PATCH', `/api/users/${a.id}`, body),
        tf('admin.saved', { username: a.username }),
      )
    )
      reload();
  };

  const setDisabled = async (a, isDisabled) => {
    if (isDisabled) {
      const ok = await askDialog({
        title: tf('admin.disableTitle', { username: a.username }),
        fields: [],
        submitLabel: t('admin.disable'),
        danger: true,
      });
      if (!ok) return;
    }
    const done = tf(isDisabled ? 'admin.disabledOne' : 'admin.enabledOne', {
      username: a.username,
    });
    if (await attempt(() => api.request('PATCH', `/api/users/${a.id}`, { isDisabled }), done))
      reload();
  };

  const resetPassword = async (a) => {
    const values = await askDialog({
      title: tf('admin.resetTitle', { username: a.username }),
      submitLabel: t('admin.reset'),
      fields: [
        inputField('password', t('admin.newPassword'), {
          type: 'password',
          required: true,
          minlength: 8,
          autocomplete: 'new-password',
        }),
      ],
    });
    if (!values) return;
    await attempt(
      () => api.post(`/api/users/${a.id}/password`, { password: values.password }),
      tf('admin.resetDone', { username: a.username }),
    );
  };

  const row = (a) =>
    h(
      'tr',
      {
        dataset: { username: a.username },
        class: a.username === focus ? 'focused' : null,
        'aria-current': a.username === focus ? 'true' : null,
      },
      h(
        'td',
        { 'data-label': t('admin.col.username') },
        h('strong', {}, a.username),
        a.username === focus ? h('span', { class: 'chip' }, t('admin.focusChip')) : null,
      ),
      h('td', { 'data-label': t('admin.col.name') }, a.displayName),
      h(
        'td',
        { 'data-label': t('admin.col.roles') },
        a.roles.map((r) => h('span', { class: 'chip' }, t(`role.${r}`))),
      ),
      h(
        'td',
        { 'data-label': t('admin.col.unit') },
        a.unit ? a.unit.name : '—',
        a.isUnitHead ? h('span', { class: 'chip' }, t('admin.head')) : null,
      ),
      h('td', { 'data-label': t('admin.col.email') }, a.email || '—'),
      h(
        'td',
        { 'data-label': t('admin.col.status') },
        h(
          'span',
          { class: `badge ${a.isDisabled ? 'ack-declined' : 'ack-acknowledged'}` },
          t(a.isDisabled ? 'admin.disabled' : 'admin.active'),
        ),
      ),
      h(
        'td',
        { 'data-label': t('admin.col.actions') },
        h(
          'div',
          { class: 'row-actions' },
          h(
            'button',
            {
              type: 'button',
              class: 'btn small',
              'aria-label': tf('admin.editTitle', { username: a.username }),
              onclick: () => edit(a),
            },
            t('admin.edit'),
          ),
          a.isDisabled
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'btn small',
                  'aria-label': `${t('admin.enable')} ${a.username}`,
                  onclick: () => setDisabled(a, false),
                },
                t('admin.enable'),
              )
            : h(
                'button',
                {
                  type: 'button',
                  class: 'btn small danger',
                  'aria-label': `${t('admin.disable')} ${a.username}`,
                  onclick: () => setDisabled(a, true),
                },
                t('admin.disable'),
              ),
          h(
            'button',
            {
              type: 'button',
              class: 'btn small',
              'aria-label': tf('admin.resetTitle', { username: a.username }),
              dataset: { action: 'reset' },
              onclick: () => resetPassword(a),
            },
            t('admin.reset'),
          ),
        ),
      ),
    );

  const from = page.total === 0 ? 0 : page.offset + 1;
  const to = page.offset + page.items.length;
  const pager = h(
    'nav',
    { class: 'actions compact pager', 'aria-label': t('admin.pages') },
    h(
      'span',
      { class: 'muted', role: 'status' },
      tf('admin.range', { from, to, total: page.total }),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'btn small',
        disabled: page.offset === 0,
        onclick: () => goFilter({ offset: Math.max(0, page.offset - PAGE) }),
      },
      t('admin.prev'),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'btn small',
        disabled: to >= page.total,
        onclick: () => goFilter({ offset: page.offset + PAGE }),
      },
      t('admin.next'),
    ),
  );

  const focused = focus ? page.items.find((a) => a.username === focus) : null;
  const focusNote = focus
    ? h(
        'p',
        { class: `alert ${focused ? 'info' : 'warn'}`, role: 'status' },
        tf(focused ? 'admin.focusFound' : 'admin.focusMissing', { username: focus }),
      )
    : null;

  mount(
    main,
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, t('admin.accountsTitle')),
      h('p', { class: 'muted' }, t('admin.accountsLead')),
    ),
    focusNote,
    h(
      'div',
      { class: 'actions compact' },
      h('button', { type: 'button', class: 'btn primary', onclick: create }, t('admin.create')),
    ),
    filters,
    page.items.length
      ? table(
          [
            t('admin.col.username'),
            t('admin.col.name'),
            t('admin.col.roles'),
            t('admin.col.unit'),
            t('admin.col.email'),
            t('admin.col.status'),
            t('admin.col.actions'),
          ],
          page.items.map(row),
          'stack-on-phone accounts-table',
        )
      : empty(t('admin.noAccounts')),
    pager,
  );
  const focusedRow = main.querySelector('tr.focused');
  if (focusedRow) {
    focusedRow.scrollIntoView({ block: 'center' });
    focusedRow.querySelector('button[data-action="reset"]')?.focus();
  }
}

export async function units(main, _params, ctx) {
  const list = (await api.get('/api/units')).sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  if (!ctx.isCurrent()) return;
  const byId = new Map(list.map((u) => [u.id, u]));
  const row = (u) =>
    h(
      'tr',
      {},
      h(
        'td',
        { 'data-label': t('admin.unit.name') },
        h('a', { href: `/admin/accounts${api.qs({ unitId: u.successorId || u.id })}` }, u.name),
      ),
      h('td', { 'data-label': t('admin.unit.region') }, u.region || '—'),
      h(
        'td',
        { 'data-label': t('admin.unit.successor') },
        u.successorId ? (byId.get(u.successorId) || { name: '—' }).name : '—',
      ),
      h('td', { 'data-label': t('admin.unit.led'), class: 'num' }, String(u.led)),
      h('td', { 'data-label': t('admin.unit.supported'), class: 'num' }, String(u.supported)),
    );
  mount(
    main,
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, t('admin.unitsTitle')),
      h('p', { class: 'muted' }, tf('admin.unitsLead', { n: list.length })),
    ),
    list.length
      ? table(
          [
            t('admin.unit.name'),
            t('admin.unit.region'),
            t('admin.unit.successor'),
            t('admin.unit.led'),
            t('admin.unit.supported'),
          ],
          list.map(row),
          'stack-on-phone',
        )
      : empty(t('admin.noUnits')),
  );
}

/** Everyone: change my own password (the other sessions end; this one stays). */
export async function password(main) {
  const current = h('input', {
    id: 'pw-current',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const next = h('input', {
    id: 'pw-new',
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    minlength: 8,
    maxlength: 128,
  });
  const again = h('input', {
    id: 'pw-again',
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    minlength: 8,
    maxlength: 128,
  });
  const status = h('div', { 'aria-live': 'assertive' });
  const form = h(
    'form',
    {
      class: 'card narrow',
      onsubmit: async (e) => {
        e.preventDefault();
        status.replaceChildren();
        if (next.value !== again.value) {
          status.append(errorBox({ message: t('password.mismatch') }));
          again.select();
          return;
        }
        try {
          await api.post('/api/me/password', {
            currentPassword: current.value,
            newPassword: next.value,
          });
          form.reset();
          status.append(h('p', { class: 'alert ok', role: 'status' }, t('password.changed')));
          toast(t('password.changed'));
        } catch (err) {
          status.append(errorBox(err));
        }
      },
    },
    h('div', { class: 'field' }, h('label', { for: 'pw-current' }, t('password.current')), current),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'pw-new' }, t('password.new')),
      next,
      h('small', { class: 'hint' }, t('password.rule')),
    ),
    h('div', { class: 'field' }, h('label', { for: 'pw-again' }, t('password.again')), again),
    status,
    h('button', { type: 'submit', class: 'btn primary' }, t('password.submit')),
  );
  mount(
    main,
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, t('password.title')),
      h('p', { class: 'muted' }, t('password.lead')),
    ),
    form,
  );
}
