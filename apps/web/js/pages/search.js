// Search: tasks, reports and documents by words (Chinese needs no spaces), within what the reader may see.
import * as api from '../api.js';
import { t, tf, periodText } from '../i18n.js';
import { badge, empty, h, mount, section } from '../ui.js';

export async function searchPage(main, _params, ctx) {
  const params = new URLSearchParams(location.search);
  const q = (params.get('q') || '').trim();
  const input = h('input', {
    id: 'search-q',
    name: 'q',
    type: 'search',
    value: q,
    maxlength: 100,
    required: true,
    placeholder: t('search.placeholder'),
  });
  const form = h(
    'form',
    {
      class: 'inline-form',
      role: 'search',
      onsubmit: (e) => {
        e.preventDefault();
        const next = input.value.trim();
        if (next) ctx.go(`/search?q=${encodeURIComponent(next)}`);
      },
    },
    h('label', { for: 'search-q', class: 'visually-hidden' }, t('search.label')),
    input,
    h('button', { type: 'submit', class: 'btn primary' }, t('search.submit')),
  );
  if (!q) {
    mount(main, h('div', { class: 'page-head' }, h('h1', {}, t('search.title'))), form);
    input.focus();
    return;
  }
  const r = await api.get(`/api/search${api.qs({ q })}`);
  const isOffice = ctx.me.roles.includes('office');
  const tasks = section(
    tf('search.tasks', { n: r.tasks.length }),
    r.tasks.length
      ? h(
          'ul',
          { class: 'plain results' },
          r.tasks.map((x) =>
            h(
              'li',
              {},
              h(
                'a',
                { href: `/tasks/${x.id}` },
                h('span', { class: 'num' }, x.number),
                ' ',
                x.heading,
              ),
              ' ',
              badge('task', x.state),
              h(
                'div',
                { class: 'muted small' },
                x.documentTitle ? `《${x.documentTitle}》 · ` : '',
                x.excerpt,
              ),
            ),
          ),
        )
      : empty(t('search.none')),
  );
  const reports = section(
    tf('search.reports', { n: r.reports.length }),
    r.reports.length
      ? h(
          'ul',
          { class: 'plain results' },
          r.reports.map((x) =>
            h(
              'li',
              {},
              h(
                'a',
                { href: isOffice ? `/office/reports/${x.id}` : `/tasks/${x.taskId}` },
                h('span', { class: 'num' }, x.number),
                ' ',
                x.heading,
                ` · ${periodText(x.period)} · ${x.unitName}`,
              ),
              ' ',
              badge('report', x.state),
              h('div', { class: 'muted small' }, x.excerpt),
            ),
          ),
        )
      : empty(t('search.none')),
  );
  const documents = section(
    tf('search.documents', { n: r.documents.length }),
    r.documents.length
      ? h(
          'ul',
          { class: 'plain results' },
          r.documents.map((x) =>
            h(
              'li',
              {},
              isOffice
                ? h('a', { href: `/office/documents/${x.id}` }, x.title || t('doc.untitled'))
                : h('strong', {}, x.title || t('doc.untitled')),
              x.docNumber ? `（${x.docNumber}）` : '',
              h('div', { class: 'muted small' }, x.excerpt),
            ),
          ),
        )
      : empty(t('search.none')),
  );
  mount(
    main,
    h('div', { class: 'page-head' }, h('h1', {}, tf('search.heading', { q })), form),
    h('div', { class: 'grid-2' }, h('div', {}, tasks, reports), h('div', {}, documents)),
  );
}
