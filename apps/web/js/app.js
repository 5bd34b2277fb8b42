// The shell: sign-in, the header and navigation per role, a History API router and the language switch.
import * as api from './api.js';
import { lang, setLang, setVocabulary, t } from './i18n.js';
import { askDialog, errorBox, h, inputField, mount, toast } from './ui.js';
import * as agency from './pages/agency.js';
import * as office from './pages/office.js';
import * as leader from './pages/leader.js';
import * as importer from './pages/import.js';
import * as officeAdmin from './pages/office-admin.js';
import { settings } from './pages/settings.js';
import { taskView } from './pages/task-view.js';
import { searchPage } from './pages/search.js';
import { assessmentPage } from './pages/assessment.js';
import { midtermPage } from './pages/amendments.js';
import * as admin from './pages/admin.js';
import { welcomePage } from './pages/welcome.js';

const main = document.getElementById('main');
const top = document.getElementById('top');
let me = null;

const ROUTES = [
  ['/login', loginPage, null],
  ['/tasks', agency.myTasks, 'agency'],
  // Every mail links to /tasks/<id> and /notices: each role that gets mail can open them.
  ['/tasks/:id', taskPage, 'agency|office|leader'],
  // The admins get mail too (a password-help request), so they have an inbox.
  ['/notices', agency.notices, 'agency|office|leader|admin'],
  ['/office/cycles', office.cycles, 'office'],
  ['/office/cycles/:id', office.cycle, 'office'],
  ['/office/reports/:id', office.reviewReport, 'office'],
  ['/office/escalations', office.escalations, 'office'],
  ['/office/documents', office.documents, 'office'],
  ['/office/documents/:id', officeAdmin.documentPage, 'office'],
  ['/office/declines', officeAdmin.declines, 'office'],
  ['/office/mail', officeAdmin.deliveries, 'office'],
  ['/settings', settings, 'agency|office|leader'],
  ['/search', searchPage, 'agency|office|leader'],
  ['/assessment', assessmentPage, 'agency|office|leader'],
  ['/documents/:id/midterm', midtermPage, 'office|leader'],
  ['/office/import', importer.importPage, 'office'],
  ['/bulletins/:id', leader.bulletin, 'office|leader|agency'],
  ['/leader', leader.home, 'leader'],
  ['/admin/accounts', admin.accounts, 'admin'],
  ['/admin/units', admin.units, 'admin'],
  ['/account/password', admin.password, null],
  // An invitation's link: opened before there is an account to sign in with.
  ['/account/welcome', welcomePage, 'public'],
];

const NAV = {
  agency: [
    ['/tasks', 'nav.tasks'],
    ['/notices', 'nav.notices'],
    ['/assessment', 'nav.assessment'],
    ['/settings', 'nav.settings'],
  ],
  office: [
    ['/office/cycles', 'nav.cycles'],
    ['/notices', 'nav.noticesAll'],
    ['/office/escalations', 'nav.escalations'],
    ['/office/declines', 'nav.declines'],
    ['/office/import', 'nav.import'],
    ['/office/documents', 'nav.documents'],
    ['/office/mail', 'nav.mail'],
    ['/assessment', 'nav.assessment'],
    ['/settings', 'nav.settings'],
  ],
  leader: [
    ['/leader', 'nav.leader'],
    ['/notices', 'nav.noticesAll'],
    ['/assessment', 'nav.assessment'],
    ['/settings', 'nav.settings'],
  ],
  admin: [
    ['/admin/accounts', 'nav.accounts'],
    ['/admin/units', 'nav.units'],
    ['/notices', 'nav.notices'],
  ],
};
// Everyone's own password page, last in the navigation.
const NAV_ALL = [['/account/password', 'nav.password']];

/** An agency works on its task; the office and the leaders see every unit's part of it. */
function taskPage(main, params, ctx) {
  return ctx.me.roles.includes('agency')
    ? agency.taskPage(main, params, ctx)
    : taskView(main, params, ctx);
}

function homeOf(user) {
  if (!user) return '/login';
  if (user.roles.includes('office')) return '/office/cycles';
  if (user.roles.includes('leader')) return '/leader';
  if (user.roles.includes('agency')) return '/tasks';
  if (user.roles.includes('admin')) return '/admin/accounts';
  // A signed-in account with no role's home still has a page of its own.
  return '/account/password';
}

function match(path) {
  for (const [pattern, page, roles] of ROUTES) {
    const names = [];
    const re = new RegExp(
      `^${pattern.replace(/:([a-z]+)/g, (_, n) => {
        names.push(n);
        return '([^/]+)';
      })}/?$`,
    );
    const m = re.exec(path);
    if (m)
      return {
        page,
        roles,
        params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])])),
      };
  }
  return null;
}

export function go(path, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  render();
}

function header() {
  const roles = me ? me.roles : [];
  const links = me
    ? [
        ...Object.entries(NAV)
          .filter(([r]) => roles.includes(r))
          .flatMap(([, l]) => l),
        ...NAV_ALL,
      ].filter(([href], i, all) => all.findIndex(([x]) => x === href) === i)
    : [];
  const here = location.pathname;
  const other = lang() === 'zh' ? 'en' : 'zh';
  mount(
    top,
    h(
      'div',
      { class: 'brand' },
      h(
        'a',
        { href: homeOf(me), class: 'brand-link' },
        h('img', { src: '/favicon.svg', alt: '', width: 24, height: 24 }),
        h('span', {}, t('app.title')),
      ),
    ),
    me
      ? h(
          'nav',
          { 'aria-label': t('nav.label') },
          h(
            'ul',
            {},
            links.map(([href, key]) =>
              h(
                'li',
                {},
                h(
                  'a',
                  {
                    href,
                    'aria-current':
                      here === href || (href !== '/' && here.startsWith(`${href}/`))
                        ? 'page'
                        : null,
                  },
                  t(key),
                ),
              ),
            ),
          ),
        )
      : null,
    me && me.roles.some((r) => ['agency', 'office', 'leader'].includes(r))
      ? h(
          'form',
          {
            class: 'header-search',
            role: 'search',
            onsubmit: (e) => {
              e.preventDefault();
              const q = e.target.elements.q.value.trim();
              if (q) go(`/search?q=${encodeURIComponent(q)}`);
            },
          },
          h('input', {
            name: 'q',
            type: 'search',
            maxlength: 100,
            placeholder: t('search.placeholder'),
            'aria-label': t('search.label'),
          }),
        )
      : null,
    h(
      'div',
      { class: 'who' },
      me
        ? h('span', { class: 'user', title: me.username }, me.unit ? me.unit.name : me.displayName)
        : null,
      h(
        'button',
        {
          type: 'button',
          class: 'btn link',
          lang: other === 'zh' ? 'zh-CN' : 'en',
          onclick: () => {
            setLang(other);
            render();
          },
        },
        other === 'zh' ? '中文' : 'English',
      ),
      me
        ? h('button', { type: 'button', class: 'btn link', onclick: signOut }, t('nav.signOut'))
        : null,
    ),
  );
}

async function signOut() {
  await api.logout();
  me = null;
  go('/login');
}

function loginPage() {
  const user = h('input', {
    id: 'username',
    name: 'username',
    autocomplete: 'username',
    required: true,
  });
  const pass = h('input', {
    id: 'password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const status = h('div', { 'aria-live': 'assertive' });
  // 忘记密码: the admins are told and reset it; the answer is the same whether the account exists.
  const forgot = async () => {
    const values = await askDialog({
      title: t('login.forgotTitle'),
      submitLabel: t('login.forgotSubmit'),
      fields: [
        inputField('username', t('login.username'), {
          required: true,
          maxlength: 100,
          autocomplete: 'username',
          value: user.value.trim(),
        }),
        inputField('note', t('login.forgotNote'), { multiline: true, maxlength: 500 }),
      ],
    });
    if (!values) return;
    status.replaceChildren();
    try {
      const answer = await api.post('/api/auth/password-help', {
        username: values.username,
        ...(values.note ? { note: values.note } : {}),
      });
      status.append(
        h(
          'p',
          { class: 'alert info', role: 'status' },
          lang() === 'en' ? answer.messageEn : answer.message,
        ),
      );
    } catch (err) {
      status.append(errorBox(err));
    }
  };
  const form = h(
    'form',
    {
      class: 'card login',
      onsubmit: async (e) => {
        e.preventDefault();
        status.replaceChildren();
        try {
          await api.login(user.value.trim(), pass.value);
          me = await api.get('/api/me');
          const next = new URLSearchParams(location.search).get('next');
          go(next && next.startsWith('/') && !next.startsWith('//') ? next : homeOf(me), {
            replace: true,
          });
        } catch (err) {
          status.append(errorBox(err.status === 401 ? { message: t('login.failed') } : err));
          pass.select();
        }
      },
    },
    h('h1', {}, t('login.title')),
    h('p', { class: 'muted' }, t('login.lead')),
    h('div', { class: 'field' }, h('label', { for: 'username' }, t('login.username')), user),
    h('div', { class: 'field' }, h('label', { for: 'password' }, t('login.password')), pass),
    status,
    h('button', { type: 'submit', class: 'btn primary wide' }, t('login.submit')),
    h(
      'p',
      { class: 'login-help' },
      h('button', { type: 'button', class: 'btn link', onclick: forgot }, t('login.forgot')),
    ),
  );
  mount(main, form);
  user.focus();
}

let renderSeq = 0;
// The first render resumes the session from the refresh cookie (a new tab, a reload).
let resumed = null;
let vocabulary = null;
async function render() {
  const seq = ++renderSeq;
  document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
  document.title = t('app.title');
  resumed ??= api.restore();
  vocabulary ??= api.get('/api/web/vocabulary').then(setVocabulary, () => undefined);
  await Promise.all([resumed, vocabulary]);
  if (seq !== renderSeq) return;
  if (api.signedIn() && !me) {
    try {
      me = await api.get('/api/me');
    } catch {
      api.forget();
      me = null;
    }
  }
  const path = location.pathname;
  const open = match(path);
  if (open && open.roles === 'public') {
    header();
    mount(main, h('p', { class: 'loading', role: 'status' }, t('common.loading')));
    const signedIn = async () => {
      me = await api.get('/api/me');
      go(homeOf(me), { replace: true });
    };
    try {
      await open.page(main, open.params, {
        me,
        go,
        signedIn,
        refresh: render,
        isCurrent: () => seq === renderSeq,
      });
    } catch (err) {
      if (seq === renderSeq)
        mount(main, h('div', { class: 'card' }, h('h1', {}, t('common.error')), errorBox(err)));
    }
    return;
  }
  if (!api.signedIn() || !me) {
    me = null;
    header();
    // The page a mail's link asked for, with its query (an account to focus on), after sign-in.
    if (path !== '/login')
      history.replaceState(
        null,
        '',
        `/login${path !== '/' ? `?next=${encodeURIComponent(path + location.search)}` : ''}`,
      );
    loginPage();
    return;
  }
  const found = path === '/' || path === '/login' ? null : match(path);
  if (!found) {
    const home = homeOf(me);
    // Never redirect to a path that would come back here (that looped until the stack overflowed).
    if (home !== path && match(home)) {
      go(home, { replace: true });
      return;
    }
    header();
    mount(main, h('div', { class: 'card' }, h('h1', {}, t('common.notFound'))));
    return;
  }
  header();
  if (found.roles && !found.roles.split('|').some((r) => me.roles.includes(r))) {
    mount(
      main,
      h(
        'div',
        { class: 'card' },
        h('h1', {}, t('common.forbidden')),
        h('p', {}, h('a', { href: homeOf(me) }, t('common.home'))),
      ),
    );
    return;
  }
  mount(main, h('p', { class: 'loading', role: 'status' }, t('common.loading')));
  try {
    const ctx = {
      me,
      go,
      refresh: render,
      now: await serverNow(),
      isCurrent: () => seq === renderSeq,
    };
    await found.page(main, found.params, ctx);
  } catch (err) {
    if (seq !== renderSeq) return;
    if (err.status === 401) {
      me = null;
      render();
      return;
    }
    mount(main, h('div', { class: 'card' }, h('h1', {}, t('common.error')), errorBox(err)));
  }
  if (seq === renderSeq) {
    const h1 = main.querySelector('h1');
    if (h1 && focusNext) {
      h1.setAttribute('tabindex', '-1');
      h1.focus({ preventScroll: false });
    }
    focusNext = false;
  }
}
let focusNext = false;

async function serverNow() {
  try {
    const c = await api.get('/api/web/clock');
    return new Date(c.now);
  } catch {
    return new Date();
  }
}

document.addEventListener('click', (e) => {
  const a = e.target.closest && e.target.closest('a[href]');
  if (
    !a ||
    e.defaultPrevented ||
    e.button !== 0 ||
    e.metaKey ||
    e.ctrlKey ||
    e.shiftKey ||
    e.altKey
  )
    return;
  if (a.hasAttribute('download') || a.target === '_blank') return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  if (url.hash && url.pathname === location.pathname) return;
  e.preventDefault();
  focusNext = true;
  go(url.pathname + url.search);
});
window.addEventListener('popstate', () => render());
api.onSessionChange((s) => {
  if (s || !me) return;
  // Signed out here or in another tab: show the sign-in page.
  me = null;
  render();
});
window.addEventListener('tracker:toast', (e) => toast(e.detail));

render();
