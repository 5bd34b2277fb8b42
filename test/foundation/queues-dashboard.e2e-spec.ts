import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { givenUser, loginAs } from '../support/builders';
import { createStack, TestStack } from '../support/harness';

describe('queue dashboard (Bull Board) at /api/admin/queues', () => {
  let stack: TestStack;
  let api: INestApplication;
  let admin: string;
  let office: string;

  beforeAll(async () => {
    stack = await createStack();
    api = await stack.startApi();
    const ds = api.get(DataSource);
    await givenUser(ds, 'admin1', ['admin']);
    await givenUser(ds, 'office1', ['office']);
    admin = (await loginAs(api, 'admin1')).accessToken;
    office = (await loginAs(api, 'office1')).accessToken;
  });
  afterAll(() => stack.close());

  it('shows every queue to an admin, by bearer token or by cookie', async () => {
    const page = await request(api.getHttpServer())
      .get('/api/admin/queues')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(page.text).toContain('<html');
    const queues = await request(api.getHttpServer())
      .get('/api/admin/queues/api/queues')
      .set('Cookie', `tracker_access=${admin}`)
      .expect(200);
    const names = (queues.body.queues as { name: string }[]).map((q) => q.name).sort();
    expect(names).toEqual(expect.arrayContaining(['cycles', 'ladder', 'mail', 'maintenance']));
  });

  it('refuses the office with 403, a forged token and no token with 401', async () => {
    await request(api.getHttpServer())
      .get('/api/admin/queues')
      .set('Authorization', `Bearer ${office}`)
      .expect(403);
    await request(api.getHttpServer())
      .get('/api/admin/queues/api/queues')
      .set('Authorization', `Bearer ${admin}x`)
      .expect(401);
    await request(api.getHttpServer()).get('/api/admin/queues/api/queues').expect(401);
  });
});
