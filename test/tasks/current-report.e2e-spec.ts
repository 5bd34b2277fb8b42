import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { givenDigitalPlan, DigitalWorld } from '../support/amendment-fixtures';
import { loginAs } from '../support/builders';
import { createStack, TestStack } from '../support/harness';

// Two quarters open at once (the next opened before the last is filed): the report that matters
// for a unit is the one due first that it has still to file — the one the reminder in its mail is
// about — in "my tasks" and on the task page alike; once filed, the next one.
describe('the report that matters now, with two quarters open', () => {
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  let w: DigitalWorld;
  const http = () => request(api.getHttpServer());
  const reportOf = async (period: string, unitId: string): Promise<string> => {
    const [row]: { id: string }[] = await ds.query(
      `SELECT r.id FROM status_reports r JOIN reporting_cycles c ON c.id = r.cycle_id
        WHERE c.period = $1 AND r.task_id = $2 AND r.unit_id = $3`,
      [period, w.taskId, unitId],
    );
    return row.id;
  };
  const seenBy = async (
    user: string,
  ): Promise<{ listed: string | undefined; page: string | null }> => {
    const auth = (await loginAs(api, user)).auth;
    const mine = (await http().get('/api/me/tasks').set(auth).expect(200)).body as {
      items: { task: { id: string }; currentReport: { id: string } | null }[];
    };
    const task = (await http().get(`/api/tasks/${w.taskId}`).set(auth).expect(200)).body as {
      yourReportId: string | null;
    };
    return {
      listed: mine.items.find((i) => i.task.id === w.taskId)?.currentReport?.id,
      page: task.yourReportId,
    };
  };

  beforeAll(async () => {
    stack = await createStack('2020-10-05T10:00:00+08:00');
    api = await stack.startApi();
    ds = api.get(DataSource);
    w = await givenDigitalPlan(api);
    const office = (await loginAs(api, 'office')).auth;
    for (const period of ['2020-Q3', '2020-Q4'])
      await http()
        .post('/api/cycles')
        .set(office)
        .send({ documentId: w.documentId, period })
        .expect(201);
  });
  afterAll(() => stack.close());

  it('is the earliest still to be filed, for the lead and for the supporting unit', async () => {
    const q3 = await reportOf('2020-Q3', w.units.bdb);
    const q4 = await reportOf('2020-Q4', w.units.bdb);
    expect(await seenBy('bdb')).toEqual({ listed: q3, page: q3 });
    // The supporting unit contributes to the lead's report that is due first.
    expect(await seenBy('gxt')).toEqual({ listed: q3, page: q3 });

    await http()
      .post(`/api/reports/${q3}/submit`)
      .set((await loginAs(api, 'bdb')).auth)
      .send({ narrative: '第三季度按计划推进' })
      .expect(200);
    expect(await seenBy('bdb')).toEqual({ listed: q4, page: q4 });
  });

  it('is the latest when nothing is left to file, and none for the office', async () => {
    const q4 = await reportOf('2020-Q4', w.units.bdb);
    await http()
      .post(`/api/reports/${q4}/submit`)
      .set((await loginAs(api, 'bdb')).auth)
      .send({ narrative: '第四季度按计划推进' })
      .expect(200);
    expect(await seenBy('bdb')).toEqual({ listed: q4, page: q4 });
    const office = (await loginAs(api, 'office')).auth;
    const task = (await http().get(`/api/tasks/${w.taskId}`).set(office).expect(200)).body;
    expect(task.yourReportId).toBeNull();
  });
});
