// The office's offer, on a document's page and after an import: each unit of the document with its
// accounts; a unit without one can get an account at once or an invitation by mail.
import * as api from '../api.js';
import { t, tf } from '../i18n.js';
import { askDialog, day, empty, errorBox, h, inputField, table, toast } from '../ui.js';

const USERNAME_PATTERN = '[a-z0-9][a-z0-9._\\-]{1,62}';

function statusOf(u) {
  if (u.hasActiveAccount)
    return h(
      'span',
      { class: 'badge ack-acknowledged' },
      tf('unitAccounts.has', { n: u.activeAccounts }),
    );
  if (u.hasPendingInvitation)
    return h(
      'span',
      { class: 'badge ack-pending' },
      tf('unitAccounts.invited', { day: day(u.invitationExpiresAt) }),
    );
  if (u.failedInvitations)
    return h('span', { class: 'badge mail-failed' }, t('unitAccounts.inviteFailed'));
  return h(
    'span',
    { class: 'badge ack-declined' },
    u.accounts ? t('unitAccounts.allDisabled') : t('unitAccounts.none'),
  );
}

/** A card listing the document's units and their accounts, with create and invite in place. */
export function unitAccountsCard(documentId) {
  const card = h('section', {
    class: 'card unit-accounts',
    'aria-labelledby': `unit-accounts-${documentId}`,
  });
  const status$ = h('div', { 'aria-live': 'polite' });

  const provide = async (item, done) => {
    status$.replaceChildren();
    try {
      await api.post(`/api/documents/${documentId}/unit-accounts`, { items: [item] });
      toast(done);
      await load();
    } catch (err) {
      status$.replaceChildren(errorBox(err));
    }
  };

  const createFor = async (u) => {
    const values = await askDialog({
      title: tf('unitAccounts.createTitle', { unit: u.unitName }),
      submitLabel: t('unitAccounts.create'),
      fields: [
        inputField('username', t('admin.col.username'), {
          required: true,
          pattern: USERNAME_PATTERN,
          value: u.suggestedUsername,
          autocomplete: 'off',
        }),
        inputField('password', t('admin.initialPassword'), {
          type: 'password',
          required: true,
          minlength: 8,
          autocomplete: 'new-password',
        }),
        inputField('email', t('unitAccounts.emailOptional'), {
          type: 'email',
          autocomplete: 'off',
        }),
      ],
    });
    if (!values) return;
    await provide(
      {
        unitId: u.unitId,
        mode: 'create',
        username: values.username,
        password: values.password,
        ...(values.email ? { email: values.email } : {}),
      },
      tf('unitAccounts.created', { username: values.username, unit: u.unitName }),
    );
  };

  const inviteFor = async (u) => {
    const values = await askDialog({
      title: tf('unitAccounts.inviteTitle', { unit: u.unitName }),
      submitLabel: t('unitAccounts.send'),
      fields: [
        inputField('email', t('unitAccounts.email'), {
          type: 'email',
          required: true,
          autocomplete: 'off',
        }),
      ],
    });
    if (!values) return;
    await provide(
      { unitId: u.unitId, mode: 'invite', email: values.email },
      tf('unitAccounts.sent', { email: values.email }),
    );
  };

  async function load() {
    let units;
    try {
      units = await api.get(`/api/documents/${documentId}/unit-accounts`);
    } catch (err) {
      card.replaceChildren(
        h('h2', { id: `unit-accounts-${documentId}` }, t('unitAccounts.title')),
        errorBox(err),
      );
      return;
    }
    const missing = units.filter((u) => !u.hasActiveAccount);
    const served = units.filter((u) => u.hasActiveAccount);
    const headers = [
      t('admin.unit.name'),
      t('import.leadSupport'),
      t('unitAccounts.status'),
      t('admin.col.actions'),
    ];
    const row = (u) =>
      h(
        'tr',
        { class: u.hasActiveAccount ? '' : 'rag-row-amber' },
        h('td', {}, u.unitName),
        h('td', {}, `${u.leadTasks} / ${u.supportTasks}`),
        h('td', {}, statusOf(u)),
        h(
          'td',
          { class: 'actions' },
          u.hasActiveAccount
            ? '—'
            : [
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'btn small',
                    'aria-label': tf('unitAccounts.createFor', { unit: u.unitName }),
                    onclick: () => createFor(u),
                  },
                  t('unitAccounts.create'),
                ),
                ' ',
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'btn small primary',
                    'aria-label': tf('unitAccounts.inviteFor', { unit: u.unitName }),
                    onclick: () => inviteFor(u),
                  },
                  t('unitAccounts.invite'),
                ),
              ],
        ),
      );
    // Through h(): replaceChildren itself would write a null child out as the text "null".
    const summary = !units.length
      ? empty(t('unitAccounts.noUnits'))
      : h(
          'p',
          { class: missing.length ? 'alert info' : 'muted small' },
          missing.length
            ? tf('unitAccounts.missing', { n: missing.length, total: units.length })
            : t('unitAccounts.allSet'),
        );
    const content = h(
      'div',
      {},
      // Units that still need an account first, in full; those that have one folded away.
      missing.length ? table(headers, missing.map(row)) : null,
      served.length
        ? h(
            'details',
            { open: missing.length ? null : true },
            h('summary', {}, tf('unitAccounts.served', { n: served.length })),
            table(headers, served.map(row)),
          )
        : null,
    );
    card.replaceChildren(
      h('h2', { id: `unit-accounts-${documentId}` }, t('unitAccounts.title')),
      summary,
      status$,
      ...content.childNodes,
    );
  }

  card.append(
    h('h2', { id: `unit-accounts-${documentId}` }, t('unitAccounts.title')),
    h('p', { class: 'loading' }, t('common.loading')),
  );
  load();
  return card;
}
