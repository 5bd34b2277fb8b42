import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource, QueryRunner } from 'typeorm';
import { givenUser as givenLoginUser, loginAs } from '../support/builders';
import { createStack, TestStack } from '../support/harness';
import { givenUnit } from '../support/supervision-fixtures';

// Lists that stay fast: the office's failed-mail list is keyset-paged with a page size limit, and
// a request that finds every database connection busy answers 503 with Retry-After, not 500.
describe('list limits: the failed-mail pages and a full database pool', () => {
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  let office: Record<string, string>;
  let agency: Record<string, string>;
  const http = () => request(api.getHttpServer());
  const deliveryIds: string[] = [];

  beforeAll(async () => {
    stack = await createStack('2020-10-12T09:00:00+08:00');
    // A pool of two connections, and a short wait for one.
    api = await stack.startApi({ DB_POOL_SIZE: '2', DB_POOL_WAIT_MS: '300' });
    ds = api.get(DataSource);
    await givenLoginUser(ds, 'limits-office', ['office']);
    await givenLoginUser(ds, 'limits-agency', ['agency'], await givenUnit(ds, '自治区商务厅'));
    office = (await loginAs(api, 'limits-office')).auth;
    agency = (await loginAs(api, 'limits-agency')).auth;
    // Seven mails whose every attempt failed, a minute apart (and one sent, which is not listed).
    for (let i = 0; i < 8; i++) {
      const [notice] = await ds.query(
        `INSERT INTO notices (dedup_key, kind, level, colour, title, body, title_en, body_en, created_at)
         VALUES ('test/limits/' || $1::text, 'overdue', 1, 'yellow', '【催办】分页测试', '正文', 'Overdue', 'Body', '2020-10-10T09:00:00+08:00')
         RETURNING id`,
        [i],
      );
      const [{ id }] = await ds.query(
        `INSERT INTO notice_deliveries (notice_id, user_id, channel, attempts, last_error, failed_at, sent_at, created_at)
         VALUES ($1, (SELECT id FROM users WHERE username = 'limits-office'), 'email', 8,
                 'connect ECONNREFUSED 127.0.0.1:1025', $2, $3, $4) RETURNING id`,
        [
          notice.id,
          i < 7 ? new Date('2020-10-11T09:00:00+08:00') : null,
          i < 7 ? null : new Date('2020-10-11T09:00:00+08:00'),
          new Date(Date.parse('2020-10-10T10:00:00+08:00') + i * 60_000),
        ],
      );
      if (i < 7) deliveryIds.unshift(id);
    }
  });
  afterAll(() => stack.close());

  it('pages the failed mail newest first, limit at a time, with a cursor until the last page', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    const sizes: number[] = [];
    do {
      const res: request.Response = await http()
        .get('/api/deliveries/failed')
        .query(cursor ? { limit: 3, cursor } : { limit: 3 })
        .set(office)
        .expect(200);
      sizes.push(res.body.items.length);
      seen.push(...res.body.items.map((d: { id: string }) => d.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual(deliveryIds);

    // Without a limit: one page of the default size holds all seven.
    const all = await http().get('/api/deliveries/failed').set(office).expect(200);
    expect(all.body.items.map((d: { id: string }) => d.id)).toEqual(deliveryIds);
    expect(all.body.nextCursor).toBeNull();
  });

  it('refuses a page larger than 200, a forged cursor, and anyone but the office', async () => {
    const big = await http().get('/api/deliveries/failed?limit=500').set(office).expect(400);
    expect(big.body.error).toBe('VALIDATION_FAILED');
    expect(Object.keys(big.body.fields)).toEqual(['limit']);
    const forged = await http()
      .get('/api/deliveries/failed')
      .query({ cursor: Buffer.from('["x"]').toString('base64url') })
      .set(office)
      .expect(400);
    expect(Object.keys(forged.body.fields)).toEqual(['cursor']);
    await http().get('/api/deliveries/failed').set(agency).expect(403);
    await http().get('/api/deliveries/failed').expect(401);
  });

  it('answers 503 with Retry-After while every database connection is busy, and serves again once one is free', async () => {
    const held: QueryRunner[] = [ds.createQueryRunner(), ds.createQueryRunner()];
    try {
      for (const qr of held) await qr.connect();
      const busy = await http().get('/api/deliveries/failed').set(office);
      expect(busy.status).toBe(503);
      expect(busy.headers['retry-after']).toBe('2');
      expect(busy.body).toMatchObject({ error: 'SERVER_BUSY', message: '系统繁忙，请稍后再试' });
    } finally {
      for (const qr of held) await qr.release();
    }
    const again = await http().get('/api/deliveries/failed').set(office).expect(200);
    expect(again.body.items).toHaveLength(7);
  });
});
