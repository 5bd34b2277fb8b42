import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { givenUser, TEST_PASSWORD } from '../support/builders';
import { createStack, TestStack } from '../support/harness';

const cookieOf = (res: request.Response): string | undefined =>
  ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith('tracker_refresh='));
const valueOf = (cookie: string | undefined): string =>
  decodeURIComponent(cookie!.split(';')[0].split('=').slice(1).join('='));

describe('the refresh cookie', () => {
  let stack: TestStack;
  let api: INestApplication;
  const http = () => request(api.getHttpServer());

  beforeAll(async () => {
    stack = await createStack();
    api = await stack.startApi({ JWT_REFRESH_TTL: '1d', LOGIN_RATE_LIMIT: '50' });
    await givenUser(api.get(DataSource), 'office', ['office']);
  });
  afterAll(() => stack.close());

  const login = () =>
    http()
      .post('/api/auth/login')
      .send({ username: 'office', password: TEST_PASSWORD })
      .expect(200);

  it('is set by sign-in: httpOnly, SameSite=Strict, scoped to /api/auth, not Secure over plain http, holding the refresh token', async () => {
    const res = await login();
    const cookie = cookieOf(res);
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/; Path=\/api\/auth/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Max-Age=86400/);
    expect(cookie).not.toMatch(/; Secure/);
    expect(valueOf(cookie)).toBe(res.body.refreshToken);
  });

  it('is Secure when the request came over https (here: through a trusted proxy saying so)', async () => {
    const express = api.getHttpAdapter().getInstance();
    const before = express.get('trust proxy');
    express.set('trust proxy', 'loopback');
    try {
      const res = await http()
        .post('/api/auth/login')
        .set('X-Forwarded-Proto', 'https')
        .send({ username: 'office', password: TEST_PASSWORD })
        .expect(200);
      expect(cookieOf(res)).toMatch(/; Secure/);
    } finally {
      express.set('trust proxy', before);
    }
  });

  it('renews the session without a body, rotates, leaves the token out of the answer, and keeps reuse detection', async () => {
    const first = valueOf(cookieOf(await login()));
    const renewed = await http()
      .post('/api/auth/refresh')
      .set('Cookie', `tracker_refresh=${first}`)
      .expect(200);
    expect(renewed.body.accessToken).toEqual(expect.any(String));
    expect(renewed.body.refreshToken).toBeUndefined();
    const second = valueOf(cookieOf(renewed));
    expect(second).not.toBe(first);
    await http()
      .get('/api/me')
      .set('Authorization', `Bearer ${renewed.body.accessToken}`)
      .expect(200);

    // The first cookie again: reuse, so the whole session ends and the cookie is cleared.
    const reused = await http()
      .post('/api/auth/refresh')
      .set('Cookie', `tracker_refresh=${first}`)
      .expect(401);
    expect(reused.body.error).toBe('TOKEN_INVALID');
    expect(cookieOf(reused)).toMatch(/^tracker_refresh=;/);
    await http().post('/api/auth/refresh').set('Cookie', `tracker_refresh=${second}`).expect(401);
    await http()
      .get('/api/me')
      .set('Authorization', `Bearer ${renewed.body.accessToken}`)
      .expect(401);
  });

  it('still takes the refresh token in the JSON body for API clients, which prefers it over the cookie', async () => {
    const a = (await login()).body.refreshToken as string;
    const b = valueOf(cookieOf(await login()));
    const res = await http()
      .post('/api/auth/refresh')
      .set('Cookie', `tracker_refresh=${b}`)
      .send({ refreshToken: a })
      .expect(200);
    expect(res.body.refreshToken).toEqual(expect.any(String));
    expect(valueOf(cookieOf(res))).toBe(res.body.refreshToken);
    // The cookie's own session was not touched.
    await http().post('/api/auth/refresh').set('Cookie', `tracker_refresh=${b}`).expect(200);
  });

  it('answers 401 TOKEN_INVALID without a body token or a cookie', async () => {
    const res = await http().post('/api/auth/refresh').expect(401);
    expect(res.body.error).toBe('TOKEN_INVALID');
  });

  it('is cleared by sign-out, and the session’s refresh token stops working', async () => {
    const signedIn = await login();
    const cookie = valueOf(cookieOf(signedIn));
    const out = await http()
      .post('/api/auth/logout')
      .set('Authorization', `Bearer ${signedIn.body.accessToken}`)
      .expect(204);
    expect(cookieOf(out)).toMatch(/^tracker_refresh=;.*Path=\/api\/auth/);
    expect(cookieOf(out)).toMatch(/Expires=Thu, 01 Jan 1970/);
    await http().post('/api/auth/refresh').set('Cookie', `tracker_refresh=${cookie}`).expect(401);
  });
});
