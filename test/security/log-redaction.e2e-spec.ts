import { ChildApi, spawnApi } from '../support/child-api';
import { createStack, TestStack } from '../support/harness';

describe('request log redaction', () => {
  let stack: TestStack;
  let api: ChildApi;
  let base: string;

  beforeAll(async () => {
    stack = await createStack();
    // The real api process, so the log is exactly what an operator would collect from stdout.
    api = await spawnApi(stack.env, { LOG_LEVEL: 'info' });
    base = api.base;
  });
  afterAll(async () => {
    await api?.stop();
    await stack.close();
  });

  it('writes neither acknowledge tokens nor calendar-feed secrets into the log', async () => {
    const token = 'AAAAsecretNONCEzz.BBBBsecretSIGNATUREzz';
    const feed = 'CCCCfeedSECRETvalue0123456789';
    const assignment = '00000000-0000-4000-8000-000000000002';
    const page = await fetch(
      `${base}/api/action-links/acknowledge?assignment=${assignment}&token=${token}`,
      {
        headers: { referer: `https://mail.example/?token=${token}` },
      },
    );
    expect(page.status).toBe(200);
    const spent = await fetch(`${base}/api/action-links/acknowledge?token=${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ assignment, token }),
    });
    expect(spent.status).toBe(404);
    expect((await fetch(`${base}/api/calendar/feeds/${feed}.ics`)).status).toBe(404);
    // pino writes each line as the response ends: wait for the feed request's line (the last one).
    const feedLogged = (): boolean => /"url":"\/api\/calendar\/feeds\/[^"]*"/.test(api.output());
    for (let i = 0; i < 100 && !feedLogged(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(feedLogged()).toBe(true);
    expect(api.output()).toContain('/api/action-links/acknowledge?assignment=');
    expect(api.output()).toContain('token=[redacted]');
    expect(api.output()).toContain('/api/calendar/feeds/[redacted]');
    expect(api.output()).not.toContain('secretNONCE');
    expect(api.output()).not.toContain('secretSIGNATURE');
    expect(api.output()).not.toContain('feedSECRET');
  });
});
