import { INestApplication } from '@nestjs/common';
import * as ical from 'node-ical';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { JobProducer } from '@tracker/queue';
import { NoticesService } from '@tracker/services';
import { givenUser as givenLoginUser, loginAs } from '../support/builders';
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

describe('calendar feeds and the in-app inbox', () => {
  const sink = new SmtpSink();
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  const h: Record<string, Record<string, string>> = {};
  const unit: Record<string, string> = {};
  const task: Record<string, string> = {};
  const http = () => request(api.getHttpServer());

  beforeAll(async () => {
    await sink.start();
    stack = await createStack('2020-07-01T09:00:00+08:00');
    const env = { ...sink.env(), MAIL_RETRY_DELAY_MS: '200', PUBLIC_URL: 'https://tracker.test' };
    await stack.startWorker(env);
    api = await stack.startApi(env);
    ds = api.get(DataSource);
    unit.A = await givenUnit(ds, '自治区农业农村厅');
    unit.B = await givenUnit(ds, '自治区林业局');
    await givenLoginUser(ds, 'ny-a', ['agency'], unit.A);
    await givenLoginUser(ds, 'ly-b', ['agency'], unit.B);
    await givenLoginUser(ds, 'cal-office', ['office']);
    const doc = await givenDocument(ds, { title: '乡村振兴实施方案' });
    task.T1 = await givenTask(ds, doc, {
      path: ['一', '（一）'],
      heading: '建设高标准农田',
      deadlineOn: '2020-12-31',
    });
    task.T2 = await givenTask(ds, doc, {
      path: ['一', '（二）'],
      heading: '发展林下经济',
      deadlineOn: '2021-06-30',
    });
    await givenAssignment(ds, task.T1, unit.A, 'lead', at('2020-07-01T09:00:00'));
    await givenAssignment(ds, task.T2, unit.A, 'support', at('2020-07-01T09:00:00'));
    await givenAssignment(ds, task.T2, unit.B, 'lead', at('2020-07-01T09:00:00'));
    stack.clock.set(at('2020-07-01T10:00:00'));
    await api
      .get(JobProducer)
      .add('cycles-open-due', { requestedAt: stack.clock.now().toISOString() });
    await drainQueues({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() });
    // Access tokens expire on the business clock: sign in once it has stopped moving.
    for (const [k, name] of [
      ['a', 'ny-a'],
      ['b', 'ly-b'],
      ['office', 'cal-office'],
    ])
      h[k] = (await loginAs(api, name)).auth;
  });
  afterAll(async () => {
    await stack.close();
    await sink.stop();
  });

  describe('calendar', () => {
    let url: string;

    it("gives the unit's members its secret feed URL, and the office too, but not another agency", async () => {
      url = (await http().get(`/api/calendar/units/${unit.A}`).set(h.a).expect(200)).body.url;
      expect(url).toMatch(
        /^https:\/\/tracker\.test\/api\/calendar\/feeds\/[A-Za-z0-9_-]{32}\.ics$/,
      );
      expect(
        (await http().get(`/api/calendar/units/${unit.A}`).set(h.office).expect(200)).body.url,
      ).toBe(url);
      expect(
        (await http().get(`/api/calendar/units/${unit.A}`).set(h.b).expect(404)).body.error,
      ).toBe('UNIT_NOT_FOUND');
      await http().get(`/api/calendar/units/${unit.A}`).expect(401);
    });

    it("serves the unit's deadlines and report due dates as iCalendar, without sign-in", async () => {
      const res = await http().get(new URL(url).pathname).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/calendar/);
      const events = Object.values(ical.sync.parseICS(res.text)).filter(
        (e): e is ical.VEvent => e?.type === 'VEVENT',
      );
      const rows = events
        .map((e) => [
          String(e.summary),
          (e.start as Date & { dateOnly?: boolean }).dateOnly === true,
          e.datetype,
          typeof e.url === 'string' ? e.url : (e.url as unknown as { val: string }).val,
        ])
        .sort((x, y) => String(x[0]).localeCompare(String(y[0])));
      expect(rows).toEqual([
        [
          expect.stringContaining('【完成时限】任务一（一）“建设高标准农田”（牵头）'),
          true,
          'date',
          `https://tracker.test/tasks/${task.T1}`,
        ],
        [
          expect.stringContaining('【完成时限】任务一（二）“发展林下经济”（配合）'),
          true,
          'date',
          `https://tracker.test/tasks/${task.T2}`,
        ],
        [
          expect.stringContaining(
            '【报告截止】2020年第三季度进展报告：任务一（一）“建设高标准农田”',
          ),
          true,
          'date',
          `https://tracker.test/tasks/${task.T1}`,
        ],
      ]);
      const day = (e: ical.VEvent): string => {
        const d = e.start as Date;
        return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      };
      expect(events.map(day).sort()).toEqual(['2020-10-10', '2020-12-31', '2021-06-30']);
    });

    it('stops serving the old URL once the unit rotates it', async () => {
      const rotated = (
        await http().post(`/api/calendar/units/${unit.A}/rotate`).set(h.a).expect(200)
      ).body.url;
      expect(rotated).not.toBe(url);
      expect((await http().get(new URL(url).pathname).expect(404)).body.error).toBe(
        'CALENDAR_NOT_FOUND',
      );
      await http().get(new URL(rotated).pathname).expect(200);
      await http().post(`/api/calendar/units/${unit.A}/rotate`).set(h.b).expect(404);
    });
  });

  describe('inbox', () => {
    let n1: string;
    beforeAll(async () => {
      const raise = (key: string, kind: 'reminder' | 'overdue', taskId: string) =>
        ds.transaction((em) =>
          api.get(NoticesService).raise(em, {
            dedupKey: `inbox/${key}`,
            kind,
            level: kind === 'overdue' ? 1 : 0,
            colour: 'blue',
            clause: null,
            taskId,
            recipients: { unitMembers: [unit.A] },
            text: { title: `标题${key}`, body: '正文', titleEn: `Title ${key}`, bodyEn: 'Body' },
          }),
        );
      n1 = (await raise('1', 'reminder', task.T1)).id;
      await raise('2', 'overdue', task.T1);
      await raise('3', 'reminder', task.T2);
    });

    it('lists my notices, filtered by kind and task', async () => {
      const all = (await http().get('/api/me/notices').set(h.a).expect(200)).body;
      // The three above and the acknowledgement request for T2 (A supports it) from the cycle's opening.
      expect(all).toMatchObject({ total: 4, unread: 4 });
      expect(all.items.filter((i: { kind: string }) => i.kind === 'ack_request')).toHaveLength(1);
      const reminders = (
        await http().get('/api/me/notices').query({ kind: 'reminder' }).set(h.a).expect(200)
      ).body;
      expect(reminders.items.map((i: { title: string }) => i.title).sort()).toEqual([
        '标题1',
        '标题3',
      ]);
      const onT1 = (
        await http()
          .get('/api/me/notices')
          .query({ taskId: task.T1, kind: 'overdue' })
          .set(h.a)
          .expect(200)
      ).body;
      expect(onT1.items.map((i: { title: string }) => i.title)).toEqual(['标题2']);
      expect((await http().get('/api/me/notices').set(h.b).expect(200)).body.total).toBe(0);
      expect(
        (await http().get('/api/me/notices').query({ kind: 'nope' }).set(h.a).expect(400)).body
          .error,
      ).toBe('VALIDATION_FAILED');
    });

    it('marks one read; another user gets not found for it', async () => {
      const res = (await http().post(`/api/me/notices/${n1}/read`).set(h.a).expect(200)).body;
      expect(res.readAt).toBe(stack.clock.now().toISOString());
      expect(
        (await http().post(`/api/me/notices/${n1}/read`).set(h.b).expect(404)).body.error,
      ).toBe('NOTICE_NOT_FOUND');
      expect(
        (await http().get('/api/me/notices').query({ unread: 'true' }).set(h.a).expect(200)).body,
      ).toMatchObject({ total: 4, unread: 3 });
    });

    it('sets email preferences per kind, but supervision and escalations cannot be switched off', async () => {
      const prefs = (
        await http()
          .put('/api/me/notice-preferences/reminder')
          .set(h.a)
          .send({ preference: 'daily' })
          .expect(200)
      ).body;
      expect(prefs).toEqual(
        expect.arrayContaining([
          { kind: 'reminder', preference: 'daily', locked: false },
          { kind: 'supervision', preference: 'immediate', locked: true },
        ]),
      );
      const refused = await http()
        .put('/api/me/notice-preferences/supervision')
        .set(h.a)
        .send({ preference: 'off' })
        .expect(422);
      expect(refused.body.error).toBe('NOTICE_PREFERENCE_LOCKED');
      await http()
        .put('/api/me/notice-preferences/reminder')
        .set(h.a)
        .send({ preference: 'sometimes' })
        .expect(400);
      const [{ p }] = await ds.query(
        `SELECT notice_preferences AS p FROM users WHERE username = 'ny-a'`,
      );
      expect(p).toEqual({ reminder: 'daily' });
    });
  });
});
