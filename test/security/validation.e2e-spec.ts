import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { givenUnit, givenUser, loginAs } from '../support/builders';
import { createStack, TestStack } from '../support/harness';

const SOME_ID = '00000000-0000-4000-8000-000000000001';

describe('input validation names the field instead of failing with 500', () => {
  let stack: TestStack;
  let api: INestApplication;
  const auth: Record<string, { Authorization: string }> = {};

  beforeAll(async () => {
    stack = await createStack();
    api = await stack.startApi();
    const ds = api.get(DataSource);
    const unit = await givenUnit(ds, '甲厅');
    await givenUser(ds, 'office1', ['office']);
    await givenUser(ds, 'agency1', ['agency'], unit.id);
    auth.office = (await loginAs(api, 'office1')).auth;
    auth.agency = (await loginAs(api, 'agency1')).auth;
  });
  afterAll(() => stack.close());

  const http = () => request(api.getHttpServer());
  const fieldsOf = (res: request.Response): string[] =>
    Object.keys((res.body as { fields?: object }).fields ?? {}).sort();

  it.each(['2027-13-45', '2027-02-30', '2027-04-31', '2027-2-3'])(
    'refuses the impossible date %s everywhere a date is taken',
    async (day) => {
      expect(
        fieldsOf(
          await http()
            .post('/api/extensions')
            .set(auth.agency)
            .send({ reportId: SOME_ID, requestedDueOn: day, reason: '原因' })
            .expect(400),
        ),
      ).toEqual(['requestedDueOn']);
      // Approved to 2027-02-30 must not silently become 2027-03-02.
      expect(
        fieldsOf(
          await http()
            .post(`/api/extensions/${SOME_ID}/approve`)
            .set(auth.office)
            .send({ dueOn: day })
            .expect(400),
        ),
      ).toEqual(['dueOn']);
      expect(
        fieldsOf(
          await http()
            .post(`/api/escalations/${SOME_ID}/review`)
            .set(auth.office)
            .send({ decision: 'grant-extension', dueOn: day })
            .expect(400),
        ),
      ).toEqual(['dueOn']);
      expect(
        fieldsOf(await http().get(`/api/tasks?dueBefore=${day}`).set(auth.office).expect(400)),
      ).toEqual(['dueBefore']);
    },
  );

  it('accepts a real leap day', async () => {
    await http().get('/api/tasks?dueBefore=2028-02-29').set(auth.office).expect(200);
  });

  it.each([
    ['/api/tasks?page=1e20', 'page'],
    ['/api/tasks?page=-1', 'page'],
    ['/api/tasks?page=10001', 'page'],
    ['/api/tasks?pageSize=1000000', 'pageSize'],
    ['/api/tasks?page=0x10', 'page'],
    ['/api/me/tasks?page=99999999999999999999', 'page'],
    ['/api/me/notices?limit=-5', 'limit'],
    ['/api/me/notices?limit=1e3', 'limit'],
    ['/api/me/notices?cursor=-1', 'cursor'],
    ['/api/me/notices?cursor=1e20', 'cursor'],
    ['/api/escalations?limit=1e3', 'limit'],
    ['/api/escalations?level=1e1', 'level'],
  ])('refuses %s with 400 naming %s', async (url, field) => {
    const who = url.startsWith('/api/me') ? auth.agency : auth.office;
    const res = await http().get(url).set(who).expect(400);
    expect(res.body.error).toBe('VALIDATION_FAILED');
    expect(fieldsOf(res)).toEqual([field]);
  });

  it('sizes and shapes targetValues in a report draft', async () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ target: `指标${i}`, value: i }));
    expect(
      fieldsOf(
        await http()
          .put(`/api/reports/${SOME_ID}/draft`)
          .set(auth.agency)
          .send({ targetValues: many })
          .expect(400),
      ),
    ).toEqual(['targetValues']);
    const nested = await http()
      .put(`/api/reports/${SOME_ID}/draft`)
      .set(auth.agency)
      .send({ targetValues: [[[{ target: 'x', value: 1 }]]] })
      .expect(400);
    expect(nested.body.error).toBe('VALIDATION_FAILED');
    const huge = await http()
      .put(`/api/reports/${SOME_ID}/draft`)
      .set(auth.agency)
      .send({ targetValues: [{ target: 'x', value: 1e300 }] })
      .expect(400);
    expect(fieldsOf(huge)).toEqual(['targetValues.0.value']);
    // A well-formed draft passes validation and meets the real access check.
    await http()
      .put(`/api/reports/${SOME_ID}/draft`)
      .set(auth.agency)
      .send({ targetValues: [{ target: 'x', value: 12.5 }] })
      .expect(404);
  });

  it('refuses control characters in text fields by name (DTO check as well as the parser net)', async () => {
    const res = await http()
      .post(`/api/reports/${SOME_ID}/return`)
      .set(auth.office)
      .send({ comment: 'a\u001bb' })
      .expect(400);
    expect(fieldsOf(res)).toEqual(['comment']);
    const decline = await http()
      .post(`/api/assignments/${SOME_ID}/decline`)
      .set(auth.agency)
      .send({ reason: '不是\u0000本单位' })
      .expect(400);
    expect(fieldsOf(decline)).toEqual(['reason']);
  });
});
