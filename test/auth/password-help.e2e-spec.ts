import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { givenUnit, givenUser, loginAs } from '../support/builders';
import { drainMail } from '../support/drain';
import { createStack, TEST_PUBLIC_URL, TestStack } from '../support/harness';

const ROUTE = '/api/auth/password-help';

describe('POST /api/auth/password-help: a forgotten password reaches the admins', () => {
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  let helpId: string;
  let address = 0;
  const http = () => request(api.getHttpServer());
  // Each test asks from its own address, so the per-address limit of one never spills into another.
  const from = () => ({ 'X-Forwarded-For': `198.51.100.${++address}` });
  const ask = (body: object, headers = from()) => http().post(ROUTE).set(headers).send(body);
  const settle = () =>
    drainMail({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() }, ds, stack.smtp);
  const helpMails = (username: string) =>
    stack.smtp.to(`${username}@example.gov.cn`).filter((m) => m.subject.startsWith('【找回密码】'));
  const inbox = async (username: string, kind: string) => {
    const { auth } = await loginAs(api, username);
    const res = await http().get(`/api/me/notices?kind=${kind}`).set(auth).expect(200);
    return res.body.items as { kind: string; title: string; linkPath: string | null }[];
  };

  beforeAll(async () => {
    stack = await createStack('2020-07-06T10:00:00+08:00');
    api = await stack.startApi({ PUBLIC_RATE_LIMIT: '6', TRUST_PROXY: 'loopback' });
    await stack.startWorker();
    ds = api.get(DataSource);
    const unit = await givenUnit(ds, '自治区科学技术厅');
    helpId = (await givenUser(ds, 'gx-help', ['agency'], unit.id)).id;
    await givenUser(ds, 'gx-gone', ['agency'], unit.id, { isDisabled: true });
    await givenUser(ds, 'admin-a', ['admin']);
    await givenUser(ds, 'admin-b', ['admin']);
    await givenUser(ds, 'admin-off', ['admin'], null, { isDisabled: true });
    await givenUser(ds, 'office-h', ['office']);
  });
  afterAll(() => stack.close());

  it('answers 202 with the same body for an unknown and a known account', async () => {
    const unknown = await ask({ username: 'gx-nobody' });
    const known = await ask({ username: 'gx-help', note: '科技厅联络员李四，0771-1234567' });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    expect(known.body).toEqual({
      message: '如该账号存在且可用，系统管理员已收到您的申请，将核实后为您重置密码。',
      messageEn:
        'If the account exists and is active, the admins have your request and will reset its password once they have checked who asked.',
    });
    expect(Object.keys(known.headers).sort()).toEqual(Object.keys(unknown.headers).sort());
  });

  it('mails every active admin once, Chinese first, naming the account and its unit and linking to it', async () => {
    // The same account asked again the same day: still one notice.
    await ask({ username: 'GX-Help ' }).expect(202);
    await settle();
    for (const admin of ['admin-a', 'admin-b']) {
      const mails = helpMails(admin);
      expect([admin, mails.length]).toEqual([admin, 1]);
      const [mail] = mails;
      expect(mail.subject).toBe('【找回密码】自治区科学技术厅账号 gx-help 申请重置密码');
      expect(mail.text).toContain('自治区科学技术厅的账号 gx-help');
      expect(mail.text).toContain('申请说明：科技厅联络员李四，0771-1234567');
      expect(mail.text.indexOf('找回密码')).toBeLessThan(mail.text.indexOf('Password help'));
      expect(mail.text).toContain(`${TEST_PUBLIC_URL}/admin/accounts?focus=gx-help`);
      const items = await inbox(admin, 'password_help');
      expect(items).toHaveLength(1);
      expect(items[0].linkPath).toBe('/admin/accounts?focus=gx-help');
    }
    expect(helpMails('admin-off')).toEqual([]);
    expect(helpMails('office-h')).toEqual([]);
    expect(helpMails('gx-help')).toEqual([]);
    const notices = await ds.query(`SELECT kind FROM notices WHERE kind = 'password_help'`);
    expect(notices).toHaveLength(1);
  });

  it('audits every request, found or not, without telling the caller', async () => {
    const rows: { target_type: string; target_id: string; after: Record<string, unknown> }[] =
      await ds.query(
        `SELECT target_type, target_id, after FROM audit_log WHERE action = 'account.password_help' ORDER BY at, id`,
      );
    expect(rows.map((r) => [r.target_type, r.after.accountFound, r.after.noticeRaised])).toEqual(
      expect.arrayContaining([
        ['username', false, false],
        ['user', true, true],
        ['user', true, false],
      ]),
    );
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.target_type === 'username')?.target_id).toBe('gx-nobody');
    expect(rows.filter((r) => r.target_type === 'user').map((r) => r.target_id)).toEqual([
      helpId,
      helpId,
    ]);
  });

  it('raises nothing for a disabled account, with the same answer', async () => {
    const res = await ask({ username: 'gx-gone' }).expect(202);
    expect(res.body.message).toBe(
      '如该账号存在且可用，系统管理员已收到您的申请，将核实后为您重置密码。',
    );
    await settle();
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM notices WHERE kind = 'password_help'`,
    );
    expect(n).toBe(1);
    expect(helpMails('admin-a')).toHaveLength(1);
  });

  it('tells the account by mail, without the password, when the admin resets it; a new request is a new notice', async () => {
    const { auth } = await loginAs(api, 'admin-a');
    await http()
      .post(`/api/users/${helpId}/password`)
      .set(auth)
      .send({ password: 'Kejiting-2020-new' })
      .expect(204);
    await settle();
    const reset = stack.smtp
      .to('gx-help@example.gov.cn')
      .filter((m) => m.subject.startsWith('【密码已重置】'));
    expect(reset).toHaveLength(1);
    expect(reset[0].subject).toBe('【密码已重置】账号 gx-help 的密码已由系统管理员重置');
    expect(reset[0].text).toContain('本邮件发送至该账号登记的邮箱 gx-help@example.gov.cn');
    expect(reset[0].text).toContain(`${TEST_PUBLIC_URL}/account/password`);
    expect(reset[0].text).not.toContain('Kejiting-2020-new');
    expect(reset[0].html).not.toContain('Kejiting-2020-new');
    // The reset ended the account's sessions; the new password signs in and shows the notice.
    const { auth: mine } = await loginAs(api, 'gx-help', 'Kejiting-2020-new');
    const items = (await http().get('/api/me/notices?kind=password_reset').set(mine).expect(200))
      .body.items;
    expect(items).toHaveLength(1);

    // Asked again after the reset the same day: the admins hear of it again.
    await ask({ username: 'gx-help' }).expect(202);
    await settle();
    expect(helpMails('admin-b')).toHaveLength(2);
    // And the next day's request is its own, too.
    stack.clock.set(new Date('2020-07-07T10:00:00+08:00'));
    await ask({ username: 'gx-help' }).expect(202);
    await ask({ username: 'gx-help' }).expect(202);
    await settle();
    expect(helpMails('admin-b')).toHaveLength(3);
  });

  it('tells an account without an email address in its inbox only', async () => {
    const quiet = await givenUser(ds, 'gx-quiet', ['leader'], null);
    await ds.query(`UPDATE users SET email = NULL WHERE id = $1`, [quiet.id]);
    const { auth } = await loginAs(api, 'admin-b');
    await http()
      .post(`/api/users/${quiet.id}/password`)
      .set(auth)
      .send({ password: 'Quiet-account-2020' })
      .expect(204);
    await settle();
    const deliveries = await ds.query(
      `SELECT d.channel, n.body FROM notice_deliveries d JOIN notices n ON n.id = d.notice_id
        WHERE n.kind = 'password_reset' AND d.user_id = $1`,
      [quiet.id],
    );
    expect(deliveries.map((d: { channel: string }) => d.channel)).toEqual(['inapp']);
    expect(deliveries[0].body).toContain('（未关联单位）的账号 gx-quiet');
    expect(deliveries[0].body).not.toContain('本邮件发送至');
    expect(deliveries[0].body).not.toContain('Quiet-account-2020');
  });

  it('answers 429 with Retry-After past the limit per address, and other addresses still get through', async () => {
    const headers = from();
    for (let i = 0; i < 6; i++) await ask({ username: `gx-guess-${i}` }, headers).expect(202);
    const limited = await ask({ username: 'gx-guess-7' }, headers).expect(429);
    expect(limited.body).toMatchObject({
      error: 'RATE_LIMITED',
      message: '尝试次数过多，请稍后再试',
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await ask({ username: 'gx-guess-8' }).expect(202);
  });

  it('refuses hostile bodies with a 4xx naming the field, and raises nothing for them', async () => {
    const before = await ds.query(`SELECT count(*)::int AS n FROM audit_log`);
    const nul = await ask({ username: 'gx-help\u0000' });
    expect(nul.status).toBe(400);
    expect(Object.keys(nul.body.fields)).toEqual(['username']);
    const huge = await ask({ username: 'a'.repeat(10_000) });
    expect(huge.status).toBe(400);
    expect(Object.keys(huge.body.fields)).toEqual(['username']);
    const noteNul = await ask({ username: 'gx-help', note: 'x\u0000y' });
    expect(noteNul.status).toBe(400);
    expect(Object.keys(noteNul.body.fields)).toEqual(['note']);
    const longNote = await ask({ username: 'gx-help', note: '长'.repeat(501) });
    expect(longNote.status).toBe(400);
    expect(Object.keys(longNote.body.fields)).toEqual(['note']);
    for (const note of [
      '请点击 https://tracker.example/reset 重置',
      '见 www.example.com',
      'ftp://x',
    ]) {
      const linked = await ask({ username: 'gx-help', note });
      expect([note, linked.status, linked.body.fields]).toEqual([
        note,
        400,
        { note: ['must not contain links'] },
      ]);
    }
    const missing = await ask({});
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body.fields)).toEqual(['username']);
    const notText = await ask({ username: ['gx-help'] });
    expect(notText.status).toBe(400);
    expect(Object.keys(notText.body.fields)).toEqual(['username']);
    const extra = await ask({ username: 'gx-help', isAdmin: true });
    expect(extra.status).toBe(400);
    expect(Object.keys(extra.body.fields)).toEqual(['isAdmin']);
    // Past the anonymous body limit the bytes are refused before parsing.
    const tooBig = await ask({ username: 'a'.repeat(20_000) });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toBe('PAYLOAD_TOO_LARGE');
    expect(await ds.query(`SELECT count(*)::int AS n FROM audit_log`)).toEqual(before);
  });
});
