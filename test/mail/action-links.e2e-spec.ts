import { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { LadderJobsService } from '@tracker/services';
import { givenUser as givenLoginUser } from '../support/builders';
import { drainQueues } from '../support/drain';
import { createStack, TestStack } from '../support/harness';
import { SmtpSink } from '../support/smtp-sink';
import {
  givenAssignment,
  givenDocument,
  givenTask,
  givenUnit,
} from '../support/supervision-fixtures';

const at = (s: string): Date => new Date(`${s}+08:00`);

describe('acknowledging from the email link', () => {
  const sink = new SmtpSink();
  let stack: TestStack;
  let worker: INestApplicationContext;
  let api: INestApplication;
  let ds: DataSource;
  const asg: Record<string, string> = {};
  /** links[email][assignmentId] = { assignment, token } taken from the mails received. */
  const links: Record<string, Record<string, { assignment: string; token: string }>> = {};
  const http = () => request(api.getHttpServer());
  const post = (body: Record<string, string>) =>
    http().post('/api/action-links/acknowledge').send(body);
  const stateOf = async (id: string): Promise<string> =>
    (
      (await ds.query(`SELECT state FROM assignments WHERE id = $1`, [id])) as { state: string }[]
    )[0].state;

  beforeAll(async () => {
    await sink.start();
    stack = await createStack('2020-07-01T09:00:00+08:00');
    const env = {
      ...sink.env(),
      MAIL_RETRY_DELAY_MS: '200',
      PUBLIC_URL: 'https://tracker.test',
      ACTION_LINK_TTL: '14d',
    };
    worker = await stack.startWorker(env);
    api = await stack.startApi(env);
    ds = worker.get(DataSource);
    const lead = await givenUnit(ds, '自治区住房城乡建设厅');
    const s = await givenUnit(ds, '自治区自然资源厅');
    await givenLoginUser(ds, 'zr-one', ['agency'], s);
    await givenLoginUser(ds, 'zr-two', ['agency'], s);
    const doc = await givenDocument(ds);
    for (const k of ['t1', 't2']) {
      const task = await givenTask(ds, doc, { heading: `城市更新${k}` });
      await givenAssignment(ds, task, lead, 'lead', at('2020-07-01T09:00:00'));
      asg[k] = await givenAssignment(ds, task, s, 'support', at('2020-07-01T09:00:00'));
    }
    await worker.get(LadderJobsService).ensureAckLadders();
    stack.clock.set(at('2020-07-04T10:00:00'));
    await drainQueues({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() });
    await sink.settle();
    for (const m of sink.messages) {
      const url = new URL(
        /https:\/\/tracker\.test\/api\/action-links\/acknowledge\?\S+/.exec(m.text)![0],
      );
      const link = {
        assignment: url.searchParams.get('assignment')!,
        token: url.searchParams.get('token')!,
      };
      for (const to of m.to) (links[to] ??= {})[link.assignment] = link;
    }
  });
  afterAll(async () => {
    await stack.close();
    await sink.stop();
  });

  it('mails each supporting member a link of their own for each assignment', () => {
    expect(Object.keys(links).sort()).toEqual(['zr-one@example.gov.cn', 'zr-two@example.gov.cn']);
    const one = links['zr-one@example.gov.cn'];
    expect(Object.keys(one).sort()).toEqual([asg.t1, asg.t2].sort());
    expect(one[asg.t1].token).not.toBe(links['zr-two@example.gov.cn'][asg.t1].token);
  });

  it('opens a confirm page without acknowledging anything (mail scanners follow GET links)', async () => {
    const { assignment, token } = links['zr-one@example.gov.cn'][asg.t1];
    const res = await http()
      .get('/api/action-links/acknowledge')
      .query({ assignment, token })
      .expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('<form method="post"');
    expect(await stateOf(asg.t1)).toBe('pending');
  });

  it('refuses an altered link and a link used for another assignment', async () => {
    const { assignment, token } = links['zr-one@example.gov.cn'][asg.t1];
    const altered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect((await post({ assignment, token: altered }).expect(404)).body.error).toBe(
      'ACTION_LINK_INVALID',
    );
    const [nonce] = token.split('.');
    expect(
      (await post({ assignment, token: `${nonce}.${'x'.repeat(32)}` }).expect(404)).body.error,
    ).toBe('ACTION_LINK_INVALID');
    expect((await post({ assignment: asg.t2, token }).expect(404)).body.error).toBe(
      'ACTION_LINK_INVALID',
    );
    expect(await stateOf(asg.t1)).toBe('pending');
    expect(await stateOf(asg.t2)).toBe('pending');
  });

  it('acknowledges once, as the recipient, audited through the email channel; the link then is spent', async () => {
    const link = links['zr-one@example.gov.cn'][asg.t1];
    const res = await post(link).expect(200);
    expect(res.body).toMatchObject({ id: asg.t1, state: 'acknowledged' });
    const [audit] = await ds.query(
      `SELECT a.action, a.channel, u.username FROM audit_log a JOIN users u ON u.id = a.actor_id WHERE a.target_id = $1`,
      [asg.t1],
    );
    expect(audit).toEqual({
      action: 'assignment.acknowledge',
      channel: 'email',
      username: 'zr-one',
    });
    expect((await post(link).expect(409)).body.error).toBe('ACTION_LINK_USED');
  });

  it('answers a form post with a page', async () => {
    const link = links['zr-one@example.gov.cn'][asg.t1];
    const res = await http()
      .post('/api/action-links/acknowledge')
      .type('form')
      .send(link)
      .expect(409);
    expect(res.text).toContain('链接无效、已过期或已使用');
  });

  it('refuses an expired link', async () => {
    stack.clock.set(at('2020-07-19T10:00:00'));
    const link = links['zr-two@example.gov.cn'][asg.t2];
    expect((await post(link).expect(410)).body.error).toBe('ACTION_LINK_EXPIRED');
    expect(await stateOf(asg.t2)).toBe('pending');
  });
});
