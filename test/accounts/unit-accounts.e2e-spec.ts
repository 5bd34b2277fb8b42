import { createHash } from 'node:crypto';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DEVELOPMENT_LINK_SIGNING_SECRET } from '@tracker/common';
import { DataSource } from 'typeorm';
import { givenAssignment, givenTask, givenUnit, loginAs } from '../support/builders';
import { drainQueues } from '../support/drain';
import { createStack, TEST_PUBLIC_URL, TestStack } from '../support/harness';
import { ReceivedMail } from '../support/smtp-sink';
import { givenWorld, World } from '../support/world';

const STRONG = 'Guangxi-unit-2020-report';

/**
 * Accounts for a document's units: the office lists which units have none, creates one or invites
 * someone by mail (a real SMTP server receives it), and the invitee opens the account from the
 * mailed link: once, before it expires, and only with the link as signed.
 */
describe('accounts for a document’s units (/api/documents/:id/unit-accounts, /api/invitations)', () => {
  let stack: TestStack;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let ds: DataSource;
  let w: World;
  let onlyDoc2: string;
  /** A supporting unit of the document with no account. */
  let noAccount: string;
  const http = () => request(api.getHttpServer());
  const unitAccounts = (docId: string) => `/api/documents/${docId}/unit-accounts`;
  const drain = async (): Promise<void> => {
    await drainQueues({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() });
    await stack.smtp.settle();
  };
  /** The welcome link in a mail: its invitation id and token. */
  const linkIn = (m: ReceivedMail): { url: URL; id: string; token: string } => {
    const url = new URL(/https:\/\/tracker\.test\/account\/welcome\?\S+/.exec(m.text)![0]);
    return { url, id: url.searchParams.get('invitation')!, token: url.searchParams.get('token')! };
  };
  const invite = async (
    unitId: string,
    email: string,
  ): Promise<{ id: string; token: string; mail: ReceivedMail }> => {
    const before = stack.smtp.messages.length;
    const res = await http()
      .post(unitAccounts(w.doc.id))
      .set(w.headers.office)
      .send({ items: [{ unitId, mode: 'invite', email }] })
      .expect(201);
    await drain();
    await stack.smtp.untilCount(before + 1);
    const mail = stack.smtp.to(email).at(-1)!;
    const { id, token } = linkIn(mail);
    expect(id).toBe(res.body[0].invitation.id);
    return { id, token, mail };
  };

  beforeAll(async () => {
    stack = await createStack('2020-07-01T09:00:00+08:00');
    api = await stack.startApi();
    worker = await stack.startWorker({ MAIL_RETRY_DELAY_MS: '200' });
    ds = api.get(DataSource);
    w = await givenWorld(api);
    // A unit that holds a task of the other document only.
    const D = await givenUnit(ds, '自治区商务厅');
    await givenAssignment(
      ds,
      (await givenTask(ds, w.doc2.id, { heading: '扩大开放' })).id,
      D.id,
      'lead',
    );
    onlyDoc2 = D.id;
    const E = await givenUnit(ds, '自治区文化和旅游厅');
    await givenAssignment(ds, w.tasks.t3.id, E.id, 'support');
    noAccount = E.id;
  }, 60_000);
  afterAll(() => stack.close());

  it('lists every lead and supporting unit of the document with its accounts and pending invitations, a former name under its successor', async () => {
    const res = await http().get(unitAccounts(w.doc.id)).set(w.headers.office).expect(200);
    const byName = Object.fromEntries(
      (res.body as { unitName: string; suggestedUsername: string }[]).map((u) => [u.unitName, u]),
    );
    expect(Object.keys(byName).sort()).toEqual(
      ['自治区工业和信息化厅', '自治区文化和旅游厅', '自治区科技厅', '自治区财政厅'].sort(),
    );
    expect(byName['自治区文化和旅游厅']).toMatchObject({
      unitId: noAccount,
      leadTasks: 0,
      supportTasks: 1,
      accounts: 0,
      hasActiveAccount: false,
      hasPendingInvitation: false,
    });
    expect(byName['自治区科技厅']).toMatchObject({
      leadTasks: 1,
      supportTasks: 1,
      accounts: 1,
      activeAccounts: 1,
      hasActiveAccount: true,
    });
    // t2 is assigned to the former name 自治区工业和信息化委: it counts for its successor, whose accounts work on it.
    expect(byName['自治区工业和信息化厅']).toMatchObject({
      unitId: w.units.A.id,
      leadTasks: 1,
      supportTasks: 1,
      accounts: 1,
    });
    expect(byName['自治区工业和信息化厅'].suggestedUsername).toMatch(/^gx-/);
    // The admin may read it too; the other document's unit is not listed.
    const admin = await http().get(unitAccounts(w.doc.id)).set(w.headers.admin).expect(200);
    expect((admin.body as { unitId: string }[]).map((u) => u.unitId)).not.toContain(onlyDoc2);
  });

  it.each(['agencyA', 'leader'] as const)(
    'refuses the %s role (403) on both routes',
    async (who) => {
      expect(
        (await http().get(unitAccounts(w.doc.id)).set(w.headers[who]).expect(403)).body.error,
      ).toBe('FORBIDDEN');
      const body = { items: [{ unitId: noAccount, mode: 'invite', email: 'x@example.gov.cn' }] };
      expect(
        (await http().post(unitAccounts(w.doc.id)).set(w.headers[who]).send(body).expect(403)).body
          .error,
      ).toBe('FORBIDDEN');
      expect(await ds.query(`SELECT 1 FROM account_invitations`)).toEqual([]);
    },
  );

  it('refuses an anonymous caller and an unknown document', async () => {
    await http().get(unitAccounts(w.doc.id)).expect(401);
    const res = await http()
      .get(unitAccounts('00000000-0000-4000-8000-000000000000'))
      .set(w.headers.office)
      .expect(404);
    expect(res.body.error).toBe('DOCUMENT_NOT_FOUND');
  });

  it('refuses a unit of another document, naming the field, and changes nothing', async () => {
    const res = await http()
      .post(unitAccounts(w.doc.id))
      .set(w.headers.office)
      .send({
        items: [
          { unitId: noAccount, mode: 'invite', email: 'ok@example.gov.cn' },
          { unitId: onlyDoc2, mode: 'create', username: 'gx-swt', password: STRONG },
        ],
      })
      .expect(400);
    expect(res.body).toMatchObject({
      error: 'UNIT_NOT_IN_DOCUMENT',
      message: '该单位不是本文件的责任单位',
      fields: { 'items.1.unitId': ['is not a unit of this document'] },
    });
    expect(await ds.query(`SELECT 1 FROM account_invitations`)).toEqual([]);
    expect(await ds.query(`SELECT 1 FROM users WHERE username = 'gx-swt'`)).toEqual([]);
    // A former name is not a unit to open accounts for: its successor is.
    const former = await http()
      .post(unitAccounts(w.doc.id))
      .set(w.headers.office)
      .send({ items: [{ unitId: w.units.A0.id, mode: 'invite', email: 'ok@example.gov.cn' }] })
      .expect(400);
    expect(former.body).toMatchObject({
      error: 'UNIT_NOT_IN_DOCUMENT',
      fields: { 'items.0.unitId': ['is not a unit of this document'] },
    });
  });

  it.each([
    ['a bad email', { mode: 'invite', email: 'not-an-address' }, 'items.0.email'],
    ['no email to invite', { mode: 'invite' }, 'items.0.email'],
    [
      'a bad username',
      { mode: 'create', username: 'Has Spaces', password: STRONG },
      'items.0.username',
    ],
    ['an unknown mode', { mode: 'adopt', email: 'a@example.gov.cn' }, 'items.0.mode'],
  ])('answers 400 naming the field for %s', async (_what, item, field) => {
    const res = await http()
      .post(unitAccounts(w.doc.id))
      .set(w.headers.office)
      .send({ items: [{ unitId: noAccount, ...item }] })
      .expect(400);
    expect(res.body.error).toBe('VALIDATION_FAILED');
    expect(Object.keys(res.body.fields)).toContain(field);
  });

  it('refuses a weak first password, naming the field', async () => {
    const res = await http()
      .post(unitAccounts(w.doc.id))
      .set(w.headers.office)
      .send({
        items: [{ unitId: noAccount, mode: 'create', username: 'gx-whlyt', password: '12345678' }],
      })
      .expect(400);
    expect(res.body.error).toBe('PASSWORD_TOO_WEAK');
    expect(Object.keys(res.body.fields)).toEqual(['items.0.password']);
  });

  it('creates an account for a unit that has none: it signs in, sees the unit’s task, and the creation is audited', async () => {
    const res = await http()
      .post(unitAccounts(w.doc.id))
      .set(w.headers.office)
      .send({
        items: [
          {
            unitId: noAccount,
            mode: 'create',
            username: 'gx-whlyt',
            password: STRONG,
            email: 'whlyt@example.gov.cn',
          },
        ],
      })
      .expect(201);
    expect(res.body).toEqual([
      {
        unitId: noAccount,
        mode: 'create',
        account: { id: expect.any(String), username: 'gx-whlyt' },
        invitation: null,
      },
    ]);
    const login = await http()
      .post('/api/auth/login')
      .send({ username: 'gx-whlyt', password: STRONG })
      .expect(200);
    const me = await http()
      .get('/api/me')
      .set({ Authorization: `Bearer ${login.body.accessToken}` })
      .expect(200);
    expect(me.body).toMatchObject({ roles: ['agency'], unit: { id: noAccount } });
    const tasks = await http()
      .get('/api/me/tasks')
      .set({ Authorization: `Bearer ${login.body.accessToken}` })
      .expect(200);
    expect(JSON.stringify(tasks.body)).toContain(w.tasks.t3.id);
    const [office] = await ds.query(`SELECT id FROM users WHERE username = 'office'`);
    const [entry] = await ds.query(
      `SELECT actor_id, after FROM audit_log WHERE action = 'account.create' AND target_id = $1`,
      [res.body[0].account.id],
    );
    expect(entry).toMatchObject({
      actor_id: office.id,
      after: { username: 'gx-whlyt', unitId: noAccount, documentId: w.doc.id },
    });
    const listed = await http().get(unitAccounts(w.doc.id)).set(w.headers.office).expect(200);
    expect((listed.body as { unitId: string }[]).find((u) => u.unitId === noAccount)).toMatchObject(
      { accounts: 1, hasActiveAccount: true },
    );
    // The same username again: refused, naming the field.
    const again = await http()
      .post(unitAccounts(w.doc.id))
      .set(w.headers.office)
      .send({
        items: [{ unitId: noAccount, mode: 'create', username: 'gx-whlyt', password: STRONG }],
      })
      .expect(409);
    expect(again.body).toMatchObject({
      error: 'USERNAME_TAKEN',
      fields: { 'items.0.username': ['is already in use'] },
    });
  });

  it('mails a Chinese-first invitation through SMTP whose link opens the welcome page; the token is stored hashed and the invitation audited', async () => {
    const { id, token, mail } = await invite(w.units.C.id, 'czt@example.gov.cn');
    expect(mail.to).toEqual(['czt@example.gov.cn']);
    expect(mail.subject).toBe('邀请开通账号：自治区财政厅（督查督办系统）');
    expect(mail.text.indexOf('邀请您开通本单位')).toBeLessThan(
      mail.text.indexOf('invites you to open'),
    );
    expect(mail.text).toContain(`《${w.doc.title}》`);
    expect(mail.html).toContain(`${TEST_PUBLIC_URL}/account/welcome?invitation=${id}`);
    const [row] = await ds.query(
      `SELECT token_hash, sent_at, invited_by, expires_at FROM account_invitations WHERE id = $1`,
      [id],
    );
    expect(row.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.sent_at).not.toBeNull();
    expect(new Date(row.expires_at).getTime() - stack.clock.now().getTime()).toBe(14 * 86_400_000);
    const [entry] = await ds.query(
      `SELECT actor_id, after FROM audit_log WHERE action = 'invitation.create' AND target_id = $1`,
      [id],
    );
    expect(entry).toMatchObject({
      actor_id: row.invited_by,
      after: { unitId: w.units.C.id, email: 'czt@example.gov.cn', documentId: w.doc.id },
    });
    const listed = await http().get(unitAccounts(w.doc.id)).set(w.headers.office).expect(200);
    expect(
      (listed.body as { unitId: string }[]).find((u) => u.unitId === w.units.C.id),
    ).toMatchObject({ hasPendingInvitation: true, pendingInvitations: 1 });
    // The welcome page and the invitation it reads both answer.
    await http()
      .get(`/account/welcome?invitation=${id}&token=${encodeURIComponent(token)}`)
      .set('Accept', 'text/html')
      .expect(200);
    const read = await http().get(`/api/invitations/${id}`).query({ token }).expect(200);
    expect(read.body).toMatchObject({
      id,
      unit: { id: w.units.C.id, name: '自治区财政厅' },
      document: { id: w.doc.id, title: w.doc.title },
      email: 'czt@example.gov.cn',
    });
  });

  it('opens one agency account from the link, signs the invitee in with its unit’s tasks; a second accept is refused', async () => {
    const { id, token } = await invite(w.units.C.id, 'czt-head@example.gov.cn');
    const choice = { token, username: 'gx-czt-head', password: STRONG };
    // Two accepts at once: one account.
    const [a, b] = await Promise.all([
      http().post(`/api/invitations/${id}/accept`).send(choice),
      http()
        .post(`/api/invitations/${id}/accept`)
        .send({ ...choice, username: 'gx-czt-other' }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const ok = a.status === 200 ? a : b;
    const refused = a.status === 200 ? b : a;
    expect(refused.body).toMatchObject({
      error: 'INVITATION_USED',
      message: '该邀请已使用过，请直接登录',
      messageEn: 'This invitation has already been used; please sign in',
    });
    expect(String(ok.headers['set-cookie'])).toMatch(/tracker_refresh=.+HttpOnly/i);
    const auth = { Authorization: `Bearer ${ok.body.accessToken}` };
    const me = await http().get('/api/me').set(auth).expect(200);
    expect(me.body).toMatchObject({
      roles: ['agency'],
      unit: { id: w.units.C.id },
      email: 'czt-head@example.gov.cn',
    });
    const tasks = await http().get('/api/me/tasks').set(auth).expect(200);
    expect(JSON.stringify(tasks.body)).toContain(w.tasks.t3.id);
    const accounts = await ds.query(
      `SELECT username FROM users WHERE email = 'czt-head@example.gov.cn'`,
    );
    expect(accounts).toHaveLength(1);
    // Once more, later: still refused, still one account.
    const third = await http()
      .post(`/api/invitations/${id}/accept`)
      .send({ ...choice, username: 'gx-czt-third' })
      .expect(409);
    expect(third.body.error).toBe('INVITATION_USED');
    await http().get(`/api/invitations/${id}`).query({ token }).expect(409);
    expect(
      await ds.query(`SELECT username FROM users WHERE email = 'czt-head@example.gov.cn'`),
    ).toEqual(accounts);
    const [entry] = await ds.query(
      `SELECT actor_id, channel FROM audit_log WHERE action = 'invitation.accept' AND target_id = $1`,
      [id],
    );
    expect(entry).toEqual({
      actor_id: (
        await ds.query(`SELECT id FROM users WHERE username = $1`, [accounts[0].username])
      )[0].id,
      channel: 'email',
    });
  });

  it('refuses a forged or altered token and a token for another invitation (404, in Chinese and English)', async () => {
    const first = await invite(w.units.B.id, 'kjt-1@example.gov.cn');
    const second = await invite(w.units.B.id, 'kjt-2@example.gov.cn');
    const altered = first.token.slice(0, -1) + (first.token.endsWith('A') ? 'B' : 'A');
    const [nonce] = first.token.split('.');
    for (const [id, token] of [
      [first.id, altered],
      [first.id, `${nonce}.${'x'.repeat(32)}`],
      [second.id, first.token],
    ]) {
      const read = await http().get(`/api/invitations/${id}`).query({ token }).expect(404);
      expect(read.body).toMatchObject({
        error: 'INVITATION_INVALID',
        message: '邀请链接无效，请联系领导小组办公室重新邀请',
        messageEn: expect.stringContaining('not valid'),
      });
      const accept = await http()
        .post(`/api/invitations/${id}/accept`)
        .send({ token, username: 'gx-kjt-forged', password: STRONG })
        .expect(404);
      expect(accept.body.error).toBe('INVITATION_INVALID');
    }
    expect(await ds.query(`SELECT 1 FROM users WHERE username = 'gx-kjt-forged'`)).toEqual([]);
    const malformed = await http()
      .get(`/api/invitations/${first.id}`)
      .query({ token: 'nope' })
      .expect(400);
    expect(Object.keys(malformed.body.fields)).toEqual(['token']);
    // An anonymous route: a body past the small anonymous limit is refused before parsing.
    const big = await http()
      .post(`/api/invitations/${first.id}/accept`)
      .send({ token: first.token, username: 'gx-kjt-big', password: 'x'.repeat(20 * 1024) })
      .expect(413);
    expect(big.body.error).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a weak password and a taken username at accept, naming the field, and keeps the invitation usable', async () => {
    const { id, token } = await invite(w.units.A.id, 'gxt-weak@example.gov.cn');
    const weak = await http()
      .post(`/api/invitations/${id}/accept`)
      .send({ token, username: 'gx-gxt-new', password: 'password' })
      .expect(400);
    expect(weak.body).toMatchObject({
      error: 'PASSWORD_TOO_WEAK',
      fields: { password: [expect.any(String)] },
    });
    const taken = await http()
      .post(`/api/invitations/${id}/accept`)
      .send({ token, username: 'agency-a', password: STRONG })
      .expect(409);
    expect(taken.body).toMatchObject({
      error: 'USERNAME_TAKEN',
      fields: { username: ['is already in use'] },
    });
    await http()
      .post(`/api/invitations/${id}/accept`)
      .send({ token, username: 'gx-gxt-new', password: STRONG })
      .expect(200);
  });

  it('keeps the worker from sending an invitation that was accepted before its mail went out', async () => {
    expect(worker).toBeDefined();
    const res = await http()
      .post(unitAccounts(w.doc.id))
      .set(w.headers.office)
      .send({
        items: [{ unitId: w.units.A.id, mode: 'invite', email: 'gxt-quick@example.gov.cn' }],
      })
      .expect(201);
    const id = res.body[0].invitation.id as string;
    await ds.query(`UPDATE account_invitations SET accepted_at = now() WHERE id = $1`, [id]);
    await drain();
    expect(stack.smtp.to('gxt-quick@example.gov.cn')).toEqual([]);
  });

  it('keeps a mailed invitation working after the link-signing key is rotated, and not after the old key is dropped', async () => {
    const { id, token } = await invite(w.units.A.id, 'gxt-rotate@example.gov.cn');
    const rotated = await stack.startApi({
      LINK_SIGNING_SECRET: 'a-new-link-signing-secret-for-the-rotation-test',
      LINK_SIGNING_SECRET_PREVIOUS: DEVELOPMENT_LINK_SIGNING_SECRET,
    });
    await request(rotated.getHttpServer())
      .get(`/api/invitations/${id}`)
      .query({ token })
      .expect(200);
    const dropped = await stack.startApi({
      LINK_SIGNING_SECRET: 'a-new-link-signing-secret-for-the-rotation-test',
      LINK_SIGNING_SECRET_PREVIOUS: 'an-unrelated-previous-secret-of-another-setup',
    });
    expect(
      (
        await request(dropped.getHttpServer())
          .get(`/api/invitations/${id}`)
          .query({ token })
          .expect(404)
      ).body.error,
    ).toBe('INVITATION_INVALID');
    await request(rotated.getHttpServer())
      .post(`/api/invitations/${id}/accept`)
      .send({ token, username: 'gx-gxt-rotate', password: STRONG })
      .expect(200);
  });

  it('refuses an expired invitation (410) on both routes', async () => {
    const { id, token } = await invite(w.units.B.id, 'kjt-late@example.gov.cn');
    stack.clock.advance(14 * 86_400_000 + 1_000);
    const read = await http().get(`/api/invitations/${id}`).query({ token }).expect(410);
    expect(read.body).toMatchObject({
      error: 'INVITATION_EXPIRED',
      message: '邀请链接已过期，请联系领导小组办公室重新邀请',
    });
    const accept = await http()
      .post(`/api/invitations/${id}/accept`)
      .send({ token, username: 'gx-kjt-late', password: STRONG })
      .expect(410);
    expect(accept.body.error).toBe('INVITATION_EXPIRED');
    expect(await ds.query(`SELECT 1 FROM users WHERE username = 'gx-kjt-late'`)).toEqual([]);
    // The office's access token expired with the move: sign in again.
    const office = (await loginAs(api, 'office')).auth;
    const listed = await http().get(unitAccounts(w.doc.id)).set(office).expect(200);
    expect(
      (listed.body as { unitId: string }[]).find((u) => u.unitId === w.units.B.id),
    ).toMatchObject({ hasPendingInvitation: false });
  });
});
