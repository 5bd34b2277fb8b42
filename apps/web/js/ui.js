// Small DOM helpers: elements are built with textContent only (no HTML strings from data).
import { lang, t } from './i18n.js';

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'value') el.value = v;
    else if (
      k === 'checked' ||
      k === 'selected' ||
      k === 'disabled' ||
      k === 'required' ||
      k === 'hidden'
    )
      el[k] = Boolean(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

const TZ = 'Asia/Shanghai';
const dayFmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const timeFmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: TZ,
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** A date-time as YYYY-MM-DD in Beijing time. */
export const day = (iso) => (iso ? dayFmt.format(new Date(iso)) : '—');
export const dateTime = (iso) =>
  iso ? `${dayFmt.format(new Date(iso))} ${timeFmt.format(new Date(iso))}` : '—';
/** A due time that is the end of a day (midnight after it) shown as that day. */
export const dueDay = (iso) => (iso ? dayFmt.format(new Date(new Date(iso).getTime() - 1)) : '—');
export const pct = (x) =>
  x === null || x === undefined || Number.isNaN(x)
    ? '—'
    : `${(x * 100).toFixed(lang() === 'en' ? 0 : 0)}%`;

export function toast(message, kind = 'ok') {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.className = `toast show ${kind}`;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => {
    el.className = 'toast';
  }, 4000);
}

export function errorText(err) {
  if (!err) return '';
  // The server's message is already in the reader's language (api.js picks message or messageEn).
  const fields = err.fields
    ? Object.entries(err.fields)
        .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join('; ') : v}`)
        .join('；')
    : '';
  return [err.message || String(err), fields].filter(Boolean).join(' — ');
}

export function errorBox(err) {
  return h('p', { class: 'alert error', role: 'alert' }, errorText(err));
}

/** A badge with a state's label and colour class. */
export const badge = (kind, value, extra = '') =>
  h('span', { class: `badge ${kind}-${value} ${extra}` }, t(`state.${kind}.${value}`));

/** Red-amber-green dot with its words (never colour alone). */
export function rag(status, why) {
  return h(
    'span',
    { class: `rag rag-${status}`, title: why || '' },
    h('span', { class: 'dot', 'aria-hidden': 'true' }),
    t(`rag.${status}`),
  );
}

/** A labelled form field. */
export function field(label, control, hint) {
  const id = control.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  control.id = id;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    control,
    hint ? h('small', { class: 'hint' }, hint) : null,
  );
}

/** A modal dialog (native <dialog>: focus is trapped, Esc closes). Resolves with the form's values or null. */
export function askDialog({ title, fields, submitLabel, danger }) {
  return new Promise((resolve) => {
    const form = h(
      'form',
      { method: 'dialog', class: 'dialog-form' },
      h('h2', {}, title),
      fields.map((f) => f.el),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'btn',
            value: 'cancel',
            onclick: () => {
              dlg.close();
            },
          },
          t('common.cancel'),
        ),
        h(
          'button',
          { type: 'submit', class: `btn ${danger ? 'danger' : 'primary'}`, value: 'ok' },
          submitLabel || t('common.confirm'),
        ),
      ),
    );
    const dlg = h('dialog', { class: 'dialog', 'aria-label': title }, form);
    let result = null;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!form.reportValidity()) return;
      result = Object.fromEntries(fields.map((f) => [f.name, f.value()]));
      dlg.close();
    });
    dlg.addEventListener('close', () => {
      dlg.remove();
      resolve(result);
    });
    document.body.append(dlg);
    dlg.showModal();
  });
}

export function inputField(name, label, attrs = {}) {
  const control = attrs.multiline
    ? h('textarea', { name, rows: 3, ...attrs, multiline: null })
    : h('input', { name, ...attrs });
  return { name, el: field(label, control), value: () => control.value.trim() };
}

export const table = (headers, rows, cls = '') =>
  h(
    'div',
    { class: `table-wrap ${cls}` },
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headers.map((x) => h('th', { scope: 'col' }, x)),
        ),
      ),
      h('tbody', {}, rows),
    ),
  );

export const empty = (text) => h('p', { class: 'empty' }, text);

export function section(title, ...children) {
  return h('section', { class: 'card' }, h('h2', {}, title), children);
}

/**
 * "加载更多" under a paged list: while `cursor` is set, a click fetches the next page with
 * `fetchPage(cursor)` (an answer with `items` and `nextCursor`) and hands its items to `onItems`;
 * the button goes away after the last page. Only ever one page is asked for at a time.
 */
export function moreButton(cursor, fetchPage, onItems) {
  let next = cursor;
  const button = h(
    'button',
    { type: 'button', class: 'btn small load-more' },
    t('common.loadMore'),
  );
  // The row is what hides: a .btn's own display rule would override the button's hidden attribute.
  const row = h('div', { class: 'load-more-row', hidden: !next }, button);
  button.addEventListener('click', async () => {
    if (!next || button.disabled) return;
    button.disabled = true;
    try {
      const page = await fetchPage(next);
      onItems(page.items);
      next = page.nextCursor;
      row.hidden = !next;
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      button.disabled = false;
    }
  });
  return row;
}
