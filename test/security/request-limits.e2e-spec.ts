import { gzipSync } from 'node:zlib';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { givenUnit, givenUser, loginAs } from '../support/builders';
import { createStack, TestStack } from '../support/harness';
import { startProbe } from '../support/probe';

const nested = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

describe('request limits under hostile input', () => {
  let stack: TestStack;
  let api: INestApplication;
  let base: string;
  const auth: Record<string, { Authorization: string }> = {};

  beforeAll(async () => {
    stack = await createStack();
    api = await stack.startApi();
    await api.listen(0, '127.0.0.1');
    base = (await api.getUrl()).replace('[::1]', '127.0.0.1');
    const ds = api.get(DataSource);
    const unit = await givenUnit(ds, '甲厅');
    await givenUser(ds, 'office1', ['office']);
    await givenUser(ds, 'agency1', ['agency'], unit.id);
    auth.office = (await loginAs(api, 'office1')).auth;
    auth.agency = (await loginAs(api, 'agency1')).auth;
  });
  afterAll(() => stack.close());

  const post = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    });

  it('refuses a 7.8 MB deeply nested body to the public acknowledge route with 413 while the api keeps answering', async () => {
    const probe = startProbe(`${base}/api/web/clock`);
    const huge = nested(1_300_000);
    expect(Buffer.byteLength(huge)).toBeGreaterThan(7_800_000);
    const res = await post('/api/action-links/acknowledge', huge);
    const body = (await res.json()) as { detail: string };
    const seen = await probe.stop();
    expect(res.status).toBe(413);
    expect(body).toMatchObject({
      error: 'PAYLOAD_TOO_LARGE',
      message: '提交的内容过大',
      messageEn: 'The request body is too large',
    });
    expect(body.detail).toContain('16 KiB');
    // No stall: the probe asked all along and every answer came within a second. (How long the
    // client takes to push its 7.8 MB is the client's and the machine's, not the api's.)
    expect(seen.count).toBeGreaterThan(0);
    expect(seen.failures).toBe(0);
    expect(seen.maxMs).toBeLessThan(1_000);
  });

  it('refuses nesting and width beyond the limits at parse time, before validation', async () => {
    const deep = await post('/api/auth/login', nested(2_000));
    expect(deep.status).toBe(400);
    expect(((await deep.json()) as { error: string; fields?: unknown }).error).toBe(
      'BODY_TOO_COMPLEX',
    );
    const wide = await post(
      '/api/auth/refresh',
      JSON.stringify({ refreshToken: new Array(2_000).fill(1) }),
    );
    expect(wide.status).toBe(400);
    expect(((await wide.json()) as { error: string; fields?: unknown }).error).toBe(
      'BODY_TOO_COMPLEX',
    );
    const deepDraft = await request(api.getHttpServer())
      .put('/api/reports/00000000-0000-4000-8000-000000000000/draft')
      .set(auth.agency)
      .set('content-type', 'application/json')
      .send(JSON.stringify({ targetValues: JSON.parse('['.repeat(1000) + ']'.repeat(1000)) }))
      .expect(400);
    expect(deepDraft.body.error).toBe('BODY_TOO_COMPLEX');
  });

  it('answers sign-in and refresh with huge bodies by 413, not 500', async () => {
    for (const path of ['/api/auth/login', '/api/auth/refresh']) {
      const res = await post(
        path,
        JSON.stringify({ username: 'x'.repeat(3_000_000), password: 'y' }),
      );
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: string; fields?: unknown }).error).toBe(
        'PAYLOAD_TOO_LARGE',
      );
    }
  });

  it('refuses a 2 MB report draft from a signed-in agency with 413 at once', async () => {
    const probe = startProbe(`${base}/api/web/clock`);
    const res = await request(api.getHttpServer())
      .put('/api/reports/00000000-0000-4000-8000-000000000000/draft')
      .set(auth.agency)
      .send({ narrative: 'x'.repeat(2_000_000) });
    const seen = await probe.stop();
    expect(res.status).toBe(413);
    expect(res.body.error).toBe('PAYLOAD_TOO_LARGE');
    expect(seen.maxMs).toBeLessThan(1_000);
  });

  it('takes the large limit only on document routes and only with credentials', async () => {
    const text = '一、总体要求\n'.repeat(30_000);
    const anon = await post('/api/documents/preview', JSON.stringify({ fileName: 'a.txt', text }));
    expect(anon.status).toBe(413);
    const agency = await post(
      '/api/documents/preview',
      JSON.stringify({ fileName: 'a.txt', text }),
      auth.agency,
    );
    expect(agency.status).toBe(403);
  });

  it('keeps body-parser statuses: malformed JSON 400, unknown charset 415, unknown or broken encoding 415/400', async () => {
    const malformed = await post('/api/auth/login', '{"username": "office1", ');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()) as { error: string; fields?: unknown }).toMatchObject({
      error: 'BODY_MALFORMED',
      messageEn: 'The request body is malformed',
    });

    const latin = await post('/api/auth/login', '{"username":"a","password":"b"}', {
      'content-type': 'application/json; charset=latin1',
    });
    expect(latin.status).toBe(415);
    expect(((await latin.json()) as { error: string; fields?: unknown }).error).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );

    const brotliClaim = await post('/api/auth/login', '{"username":"a","password":"b"}', {
      'content-encoding': 'x-made-up',
    });
    expect(brotliClaim.status).toBe(415);
    expect(((await brotliClaim.json()) as { error: string; fields?: unknown }).error).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );

    const brokenGzip = await post('/api/auth/login', Buffer.from('not gzip at all'), {
      'content-encoding': 'gzip',
    });
    expect(brokenGzip.status).toBe(400);
    expect(((await brokenGzip.json()) as { error: string; fields?: unknown }).error).toBe(
      'BODY_MALFORMED',
    );

    // A gzip bomb is measured after inflation.
    const bomb = gzipSync(
      Buffer.from(JSON.stringify({ username: 'a'.repeat(5_000_000), password: 'b' })),
    );
    expect(bomb.length).toBeLessThan(16 * 1024);
    const inflated = await post('/api/auth/login', bomb, { 'content-encoding': 'gzip' });
    expect(inflated.status).toBe(413);
  });

  it('refuses NUL and other control characters in any text field with 400 naming the field, sign-in included', async () => {
    const login = await post(
      '/api/auth/login',
      JSON.stringify({ username: 'office1\u0000', password: 'x' }),
    );
    expect(login.status).toBe(400);
    expect(((await login.json()) as { error: string; fields?: unknown }).fields).toEqual({
      username: ['must not contain control characters'],
    });

    const draft = await request(api.getHttpServer())
      .put('/api/reports/00000000-0000-4000-8000-000000000000/draft')
      .set(auth.agency)
      .send({
        narrative: '正常\n换行',
        targetValues: [{ target: 'ok', value: 1, note: 'bell\u0007' }],
      })
      .expect(400);
    expect(Object.keys(draft.body.fields)).toEqual(['targetValues.0.note']);

    const query = await request(api.getHttpServer())
      .get('/api/tasks?documentId=%00')
      .set(auth.office)
      .expect(400);
    expect(Object.keys(query.body.fields)).toEqual(['documentId']);
  });

  it('marks API answers no-store', async () => {
    const me = await request(api.getHttpServer()).get('/api/me').set(auth.agency).expect(200);
    expect(me.headers['cache-control']).toBe('no-store');
    const denied = await request(api.getHttpServer()).get('/api/me').expect(401);
    expect(denied.headers['cache-control']).toBe('no-store');
  });
});
