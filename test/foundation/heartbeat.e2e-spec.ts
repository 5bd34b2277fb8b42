import { getQueueToken } from '@nestjs/bullmq';
import { INestApplication } from '@nestjs/common';
import { Queue, QueueEvents } from 'bullmq';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { QUEUES } from '@tracker/queue';
import { givenUser, loginAs } from '../support/builders';
import { createStack, TestStack } from '../support/harness';

describe('a job travels from the api through Redis to the worker', () => {
  let stack: TestStack;
  let api: INestApplication;
  let admin: { Authorization: string };

  beforeAll(async () => {
    stack = await createStack();
    api = await stack.startApi();
    await stack.startWorker();
    await givenUser(api.get(DataSource), 'admin', ['admin']);
    admin = (await loginAs(api, 'admin')).auth;
  });
  afterAll(() => stack.close());

  it('records the heartbeat in PostgreSQL, once, even when the job runs twice', async () => {
    const accepted = await request(api.getHttpServer())
      .post('/api/maintenance/heartbeats')
      .set(admin)
      .expect(202);
    const { token, jobId } = accepted.body as { token: string; jobId: string };
    expect(jobId).toBe(`heartbeat/${token}`);

    const queue = api.get<Queue>(getQueueToken(QUEUES.maintenance));
    const events = new QueueEvents(QUEUES.maintenance, {
      connection: queue.opts.connection,
      prefix: queue.opts.prefix,
    });
    await events.waitUntilReady();
    try {
      const job = await queue.getJob(jobId);
      if (!job) throw new Error(`job ${jobId} not found in Redis`);
      const state = await job.getState();
      if (state !== 'completed') await job.waitUntilFinished(events, 15_000);
      const done = await queue.getJob(jobId);
      expect(done?.returnvalue).toBe('done');
    } finally {
      await events.close();
    }

    const found = await request(api.getHttpServer())
      .get(`/api/maintenance/heartbeats/${token}`)
      .set(admin)
      .expect(200);
    expect(found.body.token).toBe(token);

    // The same payload again (a retry after a crash) changes nothing.
    const ds = api.get(DataSource);
    const { MaintenanceService } = await import('@tracker/services');
    const outcome = await api
      .get(MaintenanceService)
      .recordHeartbeat({ token, requestedAt: new Date().toISOString() });
    expect(outcome).toBe('skipped');
    const [{ count }] = await ds.query(
      `SELECT count(*)::int AS count FROM heartbeats WHERE token = $1`,
      [token],
    );
    expect(count).toBe(1);
  });

  it('answers 404 for a heartbeat that never ran', async () => {
    await request(api.getHttpServer())
      .get('/api/maintenance/heartbeats/00000000-0000-4000-8000-000000000000')
      .set(admin)
      .expect(404);
  });

  it('is for admins only', async () => {
    const http = () => request(api.getHttpServer());
    await http().post('/api/maintenance/heartbeats').expect(401);
    await givenUser(api.get(DataSource), 'office', ['office']);
    const office = (await loginAs(api, 'office')).auth;
    await http().post('/api/maintenance/heartbeats').set(office).expect(403);
    await http()
      .get('/api/maintenance/heartbeats/00000000-0000-4000-8000-000000000000')
      .set(office)
      .expect(403);
  });
});
