// Everyone's settings: how each kind of notice reaches me by email, and my unit's calendar feed.
import * as api from '../api.js';
import { t, tf } from '../i18n.js';
import { askDialog, empty, errorText, field, h, mount, section, table, toast } from '../ui.js';

const CHOICES = ['immediate', 'daily', 'weekly', 'off'];

export async function settings(main, _params, ctx) {
  const { me } = ctx;
  const prefs = await api.get('/api/me/notice-preferences');
  const canCalendar = me.roles.includes('office') || (me.roles.includes('agency') && me.unit);
  const units = me.roles.includes('office')
    ? (await api.get('/api/units'))
        .filter((u) => !u.successorId)
        .sort((a, b) => a.name.localeCompare(b.name, 'zh'))
    : [];

  const prefRow = (p) => {
    const label = t(`notice.${p.kind}`, p.kind);
    const id = `pref-${p.kind}`;
    const control = p.locked
      ? h(
          'div',
          { class: 'locked', id },
          h('span', { class: 'badge pref-locked' }, t('prefs.alwaysImmediate')),
          h('div', { class: 'muted small' }, t('prefs.lockedWhy')),
        )
      : h(
          'select',
          { id, name: p.kind, class: 'pref-select', onchange: (e) => save(p, e.target) },
          CHOICES.map((c) =>
            h('option', { value: c, selected: p.preference === c }, t(`prefs.${c}`)),
          ),
        );
    return h(
      'tr',
      { dataset: { kind: p.kind } },
      h('th', { scope: 'row' }, p.locked ? label : h('label', { for: id }, label)),
      h('td', {}, control),
    );
  };

  const save = async (p, select) => {
    const previous = p.preference;
    select.disabled = true;
    try {
      const list = await api.put(`/api/me/notice-preferences/${encodeURIComponent(p.kind)}`, {
        preference: select.value,
      });
      const now = list.find((x) => x.kind === p.kind);
      p.preference = now ? now.preference : select.value;
      toast(
        tf('prefs.saved', {
          kind: t(`notice.${p.kind}`, p.kind),
          choice: t(`prefs.${p.preference}`),
        }),
      );
    } catch (err) {
      select.value = previous;
      toast(errorText(err), 'error');
    } finally {
      select.disabled = false;
    }
  };

  mount(
    main,
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, t('prefs.title')),
      h(
        'p',
        { class: 'muted' },
        t('prefs.lead'),
        me.email ? ` ${tf('prefs.to', { email: me.email })}` : ` ${t('prefs.noEmail')}`,
      ),
    ),
    h(
      'div',
      { class: 'grid-2' },
      section(
        t('prefs.mail'),
        h(
          'ul',
          { class: 'plain small legend-choices' },
          CHOICES.map((c) =>
            h('li', {}, h('strong', {}, t(`prefs.${c}`)), '：', t(`prefs.explain.${c}`)),
          ),
        ),
        table([t('prefs.col.kind'), t('prefs.col.choice')], prefs.map(prefRow), 'prefs-table'),
      ),
      canCalendar ? calendarSection(me, units) : null,
    ),
  );
}

/** The unit's secret iCalendar URL: an agency sees its own unit's, the office picks a unit. */
function calendarSection(me, units) {
  const out = h('div', { class: 'calendar-link', 'aria-live': 'polite' });
  const show = async (unitId, unitName, rotate = false) => {
    try {
      const link = rotate
        ? await api.post(`/api/calendar/units/${unitId}/rotate`)
        : await api.get(`/api/calendar/units/${unitId}`);
      const url = h('input', {
        id: 'calendar-url',
        readonly: true,
        value: link.url,
        class: 'mono',
        onfocus: (e) => e.target.select(),
      });
      const copy = h(
        'button',
        {
          type: 'button',
          class: 'btn small',
          onclick: async () => {
            try {
              await navigator.clipboard.writeText(link.url);
              toast(t('cal.copied'));
            } catch {
              url.focus();
              url.select();
              toast(t('cal.copyByHand'));
            }
          },
        },
        t('cal.copy'),
      );
      const rotateBtn = h(
        'button',
        {
          type: 'button',
          class: 'btn small danger',
          onclick: async () => {
            const ok = await askDialog({
              title: t('cal.rotateTitle'),
              fields: [
                {
                  name: 'why',
                  el: h('p', {}, tf('cal.rotateWarn', { unit: unitName })),
                  value: () => true,
                },
              ],
              submitLabel: t('cal.rotate'),
              danger: true,
            });
            if (!ok) return;
            await show(unitId, unitName, true);
            toast(t('cal.rotated'));
          },
        },
        t('cal.rotate'),
      );
      mount(
        out,
        field(tf('cal.urlFor', { unit: unitName }), url, t('cal.howTo')),
        h(
          'div',
          { class: 'actions compact' },
          copy,
          h(
            'a',
            { href: link.url.replace(/^https?:/, 'webcal:'), class: 'btn small' },
            t('cal.subscribe'),
          ),
          rotateBtn,
        ),
        h('p', { class: 'alert warn small' }, t('cal.secret')),
      );
    } catch (err) {
      mount(out, h('p', { class: 'alert error', role: 'alert' }, errorText(err)));
    }
  };
  if (me.roles.includes('agency') && me.unit) {
    show(me.unit.id, me.unit.name);
    return section(t('cal.title'), h('p', { class: 'muted small' }, t('cal.lead')), out);
  }
  const pick = h(
    'select',
    { id: 'cal-unit', name: 'unit' },
    h('option', { value: '' }, t('cal.pickUnit')),
    units.map((u) => h('option', { value: u.id }, u.name)),
  );
  const form = h(
    'form',
    {
      class: 'inline-form',
      onsubmit: (e) => {
        e.preventDefault();
        const u = units.find((x) => x.id === pick.value);
        if (u) show(u.id, u.name);
      },
    },
    field(t('cal.unit'), pick),
    h('button', { type: 'submit', class: 'btn' }, t('cal.get')),
  );
  return section(
    t('cal.title'),
    h('p', { class: 'muted small' }, t('cal.leadOffice')),
    units.length ? form : empty(t('cal.noUnits')),
    out,
  );
}
