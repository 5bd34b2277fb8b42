import { INestApplication } from '@nestjs/common';
import { MINUTE } from '@tracker/domain';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { givenUnit, givenUser, loginAs, TEST_PASSWORD } from '../support/builders';
import { createStack, TestStack } from '../support/harness';

describe('sign-in, renewal and sign-out', () => {
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  const http = () => request(api.getHttpServer());

  beforeAll(async () => {
    stack = await createStack();
    api = await stack.startApi({
      JWT_ACCESS_TTL: '15m',
      JWT_REFRESH_TTL: '1d',
      LOGIN_RATE_LIMIT: '50',
    });
    ds = api.get(DataSource);
    const unit = await givenUnit(ds, '自治区科技厅');
    await givenUser(ds, 'kjt', ['agency'], unit.id);
    await givenUser(ds, 'office', ['office']);
    await givenUser(ds, 'gone', ['office'], null, { isDisabled: true });
  });
  afterAll(() => stack.close());

  it('signs in with username and password and answers who am I', async () => {
    const res = await http()
      .post('/api/auth/login')
      .send({ username: 'kjt', password: TEST_PASSWORD })
      .expect(200);
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: 900,
      refreshToken: expect.any(String),
      refreshExpiresAt: expect.any(String),
    });
    const me = await http()
      .get('/api/me')
      .set('Authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({
      username: 'kjt',
      roles: ['agency'],
      unit: { name: '自治区科技厅' },
    });
    expect(me.body.passwordHash).toBeUndefined();

    // The token is HS256 with issuer, audience, type and an expiry from the test clock.
    const [header, payload] = (res.body.accessToken as string)
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
    expect(header.alg).toBe('HS256');
    expect(payload).toMatchObject({ typ: 'access', iss: 'tracker', aud: 'tracker-api' });
    expect(payload.exp * 1000).toBe(stack.clock.now().getTime() + 15 * MINUTE);
  });

  it('gives the identical 401 body for an unknown username and a wrong password', async () => {
    const wrongPassword = await http()
      .post('/api/auth/login')
      .send({ username: 'kjt', password: 'nope' })
      .expect(401);
    const unknownUser = await http()
      .post('/api/auth/login')
      .send({ username: 'nobody', password: 'nope' })
      .expect(401);
    const disabled = await http()
      .post('/api/auth/login')
      .send({ username: 'gone', password: TEST_PASSWORD })
      .expect(401);
    expect(wrongPassword.body).toEqual({
      error: 'INVALID_CREDENTIALS',
      message: '用户名或密码错误',
      messageEn: 'Wrong username or password',
    });
    expect(unknownUser.text).toBe(wrongPassword.text);
    expect(disabled.text).toBe(wrongPassword.text);
  });

  it('refuses a malformed login body with a 400 naming the fields, unknown fields included', async () => {
    const res = await http()
      .post('/api/auth/login')
      .send({ username: 'kjt', pasword: 'x' })
      .expect(400);
    expect(res.body.error).toBe('VALIDATION_FAILED');
    expect(Object.keys(res.body.fields).sort()).toEqual(['password', 'pasword']);
  });

  it('requires a token everywhere except the public routes, and says so with 401', async () => {
    await http()
      .get('/api/health')
      .expect((r) => expect([200, 503]).toContain(r.status));
    const res = await http().get('/api/me').expect(401);
    expect(res.body.error).toBe('UNAUTHENTICATED');
    const bad = await http().get('/api/me').set('Authorization', 'Bearer not.a.jwt').expect(401);
    expect(bad.body.error).toBe('TOKEN_INVALID');
  });

  it('refuses a token signed with another algorithm or secret, or of another type', async () => {
    const { JwtService } = await import('@nestjs/jwt');
    const jwt = new JwtService();
    const [, payload] = (await loginAs(api, 'kjt')).accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = await jwt.signAsync(claims, {
      secret: 'another-secret-another-secret-another-secret',
    });
    await http().get('/api/me').set('Authorization', `Bearer ${forged}`).expect(401);
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    await http().get('/api/me').set('Authorization', `Bearer ${none}`).expect(401);
    const secret = 'development-only-secret-change-me-please-0123456789';
    const refreshTyped = await jwt.signAsync({ ...claims, typ: 'refresh' }, { secret });
    await http().get('/api/me').set('Authorization', `Bearer ${refreshTyped}`).expect(401);
    const genuine = await jwt.signAsync(claims, { secret });
    await http().get('/api/me').set('Authorization', `Bearer ${genuine}`).expect(200);
  });

  it('expires access tokens by the injected clock and renews them with a rotating refresh token', async () => {
    const session = await loginAs(api, 'kjt');
    stack.clock.advance(14 * MINUTE);
    await http().get('/api/me').set(session.auth).expect(200);
    stack.clock.advance(2 * MINUTE);
    const expired = await http().get('/api/me').set(session.auth).expect(401);
    expect(expired.body).toMatchObject({
      error: 'TOKEN_INVALID',
      message: '登录已失效，请重新登录',
      detail: 'Access token expired',
    });

    const renewed = await http()
      .post('/api/auth/refresh')
      .send({ refreshToken: session.refreshToken })
      .expect(200);
    expect(renewed.body.refreshToken).not.toBe(session.refreshToken);
    await http()
      .get('/api/me')
      .set('Authorization', `Bearer ${renewed.body.accessToken}`)
      .expect(200);

    // The used refresh token is spent; presenting it again revokes the whole session.
    const reused = await http()
      .post('/api/auth/refresh')
      .send({ refreshToken: session.refreshToken })
      .expect(401);
    expect(reused.body.error).toBe('TOKEN_INVALID');
    await http()
      .get('/api/me')
      .set('Authorization', `Bearer ${renewed.body.accessToken}`)
      .expect(401);
    await http()
      .post('/api/auth/refresh')
      .send({ refreshToken: renewed.body.refreshToken })
      .expect(401);
  });

  it('lets refresh tokens expire by the clock', async () => {
    const session = await loginAs(api, 'kjt');
    stack.clock.advance(25 * 60 * MINUTE);
    const res = await http()
      .post('/api/auth/refresh')
      .send({ refreshToken: session.refreshToken })
      .expect(401);
    expect(res.body.detail).toBe('Refresh token expired');
  });

  it("signs out: the session's access and refresh tokens stop working, other sessions do not", async () => {
    const a = await loginAs(api, 'kjt');
    const b = await loginAs(api, 'kjt');
    await http().post('/api/auth/logout').set(a.auth).expect(204);
    await http().get('/api/me').set(a.auth).expect(401);
    await http().post('/api/auth/refresh').send({ refreshToken: a.refreshToken }).expect(401);
    await http().get('/api/me').set(b.auth).expect(200);
  });

  it('stops tokens at once when the account is disabled or its token version bumped', async () => {
    const s = await loginAs(api, 'office');
    await http().get('/api/me').set(s.auth).expect(200);
    await ds.query(`UPDATE users SET token_version = token_version + 1 WHERE username = 'office'`);
    await http().get('/api/me').set(s.auth).expect(401);

    await givenUser(ds, 'leaving', ['leader']);
    const t = await loginAs(api, 'leaving');
    await ds.query(`UPDATE users SET is_disabled = true WHERE username = 'leaving'`);
    await http().get('/api/me').set(t.auth).expect(401);
    await http().post('/api/auth/refresh').send({ refreshToken: t.refreshToken }).expect(401);
  });

  it('audits sign-in, renewal and sign-out', async () => {
    const rows: { action: string; actor_id: string }[] = await ds.query(
      `SELECT l.action, l.actor_id FROM audit_log l JOIN users u ON u.id = l.actor_id WHERE u.username = 'kjt' ORDER BY l.id`,
    );
    const actions = new Set(rows.map((r) => r.action));
    expect(actions).toEqual(
      new Set(['auth.sign_in', 'auth.refresh', 'auth.refresh_reused', 'auth.sign_out']),
    );
  });

  it('documents the routes in OpenAPI, with bearer auth', async () => {
    const res = await http().get('/api/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/auth/refresh',
        '/api/auth/logout',
        '/api/me',
        '/api/me/tasks',
        '/api/tasks',
        '/api/tasks/{id}',
        '/api/units',
        '/api/units/{id}',
        '/api/assignments/{id}/acknowledge',
        '/api/assignments/{id}/decline',
        '/api/assignments/{id}/reassign',
        '/api/assignments/declined',
        '/api/ledger/documents/{id}',
        '/api/ledger/units/{id}',
        '/api/users',
      ]),
    );
    expect(
      res.body.paths['/api/me/tasks'].get.parameters.map((p: { name: string }) => p.name),
    ).toEqual(
      expect.arrayContaining([
        'role',
        'ackState',
        'documentId',
        'status',
        'dueBefore',
        'overdue',
        'sort',
        'order',
        'page',
        'pageSize',
      ]),
    );
  });

  it('sends helmet headers', async () => {
    const res = await http().post('/api/auth/login').send({ username: 'x', password: 'y' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('stores argon2id hashes, never passwords', async () => {
    const [{ password_hash }] = await ds.query(
      `SELECT password_hash FROM users WHERE username = 'kjt'`,
    );
    expect(password_hash).toMatch(/^\$argon2id\$/);
  });
});
