// The page an invitation mail links to (no sign-in): the invitee sees the unit and the document,
// chooses a username and a password, and is signed in as the unit's account.
import * as api from '../api.js';
import { t, tf } from '../i18n.js';
import { day, errorBox, h, mount } from '../ui.js';

export async function welcomePage(main, _params, ctx) {
  const q = new URLSearchParams(location.search);
  const id = q.get('invitation') || '';
  const token = q.get('token') || '';
  let invitation;
  try {
    invitation = await api.get(`/api/invitations/${encodeURIComponent(id)}${api.qs({ token })}`);
  } catch (err) {
    mount(
      main,
      h(
        'div',
        { class: 'card login' },
        h('h1', {}, t('welcome.unusable')),
        errorBox(err),
        h('p', {}, h('a', { href: '/login' }, t('welcome.toLogin'))),
      ),
    );
    return;
  }
  const user = h('input', {
    id: 'welcome-username',
    name: 'username',
    required: true,
    pattern: '[a-z0-9][a-z0-9._\\-]{1,62}',
    value: invitation.suggestedUsername,
    autocomplete: 'username',
  });
  const pass = h('input', {
    id: 'welcome-password',
    name: 'password',
    type: 'password',
    required: true,
    minlength: 8,
    maxlength: 128,
    autocomplete: 'new-password',
  });
  const again = h('input', {
    id: 'welcome-again',
    name: 'again',
    type: 'password',
    required: true,
    autocomplete: 'new-password',
  });
  const status = h('div', { 'aria-live': 'assertive' });
  const form = h(
    'form',
    {
      class: 'card login',
      onsubmit: async (e) => {
        e.preventDefault();
        status.replaceChildren();
        if (pass.value !== again.value) {
          status.append(errorBox({ message: t('password.mismatch') }));
          again.select();
          return;
        }
        try {
          await api.acceptInvitation(invitation.id, {
            token,
            username: user.value.trim(),
            password: pass.value,
          });
          await ctx.signedIn();
        } catch (err) {
          status.append(errorBox(err));
        }
      },
    },
    h('h1', {}, t('welcome.title')),
    h('p', {}, tf('welcome.lead', { unit: invitation.unit.name })),
    invitation.document
      ? h(
          'p',
          { class: 'muted' },
          tf('welcome.document', { title: invitation.document.title || '' }),
        )
      : null,
    h(
      'p',
      { class: 'muted small' },
      tf('welcome.expires', { email: invitation.email, day: day(invitation.expiresAt) }),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'welcome-username' }, t('login.username')),
      user,
      h('small', { class: 'hint' }, t('welcome.usernameRule')),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'welcome-password' }, t('password.new')),
      pass,
      h('small', { class: 'hint' }, t('password.rule')),
    ),
    h('div', { class: 'field' }, h('label', { for: 'welcome-again' }, t('password.again')), again),
    status,
    h('button', { type: 'submit', class: 'btn primary wide' }, t('welcome.submit')),
  );
  mount(main, form);
  user.focus();
}
