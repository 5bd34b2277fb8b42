import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createStack, TestStack } from '../support/harness';

const ACK =
  '/api/action-links/acknowledge?assignment=00000000-0000-4000-8000-000000000003&token=AAAAAAAAAAAA.BBBBBBBBBBBB';
const FEED = '/api/calendar/feeds/CCCCCCCCCCCCCCCCCCCCCCCC.ics';

describe('rate limits on the public routes other than sign-in', () => {
  let stack: TestStack;
  let api: INestApplication;
  const http = () => request(api.getHttpServer());

  beforeAll(async () => {
    stack = await createStack();
    // Behind one trusted proxy on loopback: the client address comes from X-Forwarded-For.
    api = await stack.startApi({ PUBLIC_RATE_LIMIT: '3', TRUST_PROXY: 'loopback' });
  });
  afterAll(() => stack.close());

  it('answers the acknowledge link 429 after the limit per client address, GET and POST counted together', async () => {
    const from = { 'X-Forwarded-For': '198.51.100.7' };
    await http().get(ACK).set(from).expect(200);
    await http().get(ACK).set(from).expect(200);
    await http()
      .post('/api/action-links/acknowledge')
      .set(from)
      .send({
        assignment: '00000000-0000-4000-8000-000000000003',
        token: 'AAAAAAAAAAAA.BBBBBBBBBBBB',
      })
      .expect(404);
    const limited = await http().get(ACK).set(from).expect(429);
    expect(limited.body).toMatchObject({
      error: 'RATE_LIMITED',
      message: '尝试次数过多，请稍后再试',
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another client behind the same proxy is not affected.
    await http().get(ACK).set({ 'X-Forwarded-For': '198.51.100.8' }).expect(200);
  });

  it('limits the calendar feed on its own count, and lets the client in again in the next minute', async () => {
    const from = { 'X-Forwarded-For': '203.0.113.9' };
    for (let i = 0; i < 3; i++) await http().get(FEED).set(from).expect(404);
    await http().get(FEED).set(from).expect(429);
    await http().get(ACK).set(from).expect(200);
    stack.clock.advance(61_000);
    await http().get(FEED).set(from).expect(404);
  });

  it('limits the invitation routes on their own count, reading and accepting counted together', async () => {
    const from = { 'X-Forwarded-For': '203.0.113.20' };
    const id = '00000000-0000-4000-8000-000000000004';
    const token = 'AAAAAAAAAAAA.BBBBBBBBBBBB';
    await http().get(`/api/invitations/${id}`).query({ token }).set(from).expect(404);
    await http().get(`/api/invitations/${id}`).query({ token }).set(from).expect(404);
    await http()
      .post(`/api/invitations/${id}/accept`)
      .set(from)
      .send({ token, username: 'gx-guess', password: 'Guessing-2020-pass' })
      .expect(404);
    const limited = await http()
      .post(`/api/invitations/${id}/accept`)
      .set(from)
      .send({ token, username: 'gx-guess', password: 'Guessing-2020-pass' })
      .expect(429);
    expect(limited.body.error).toBe('RATE_LIMITED');
    await http().get(ACK).set(from).expect(200);
  });

  it('leaves signed-in routes alone', async () => {
    for (let i = 0; i < 5; i++)
      await http().get('/api/me').set({ 'X-Forwarded-For': '198.51.100.7' }).expect(401);
  });
});
