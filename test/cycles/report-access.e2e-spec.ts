import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CyclesService, ExtensionsService, ReportsService } from '@tracker/services';
import { createStack, TestStack } from '../support/harness';
import {
  givenAssignment,
  givenDocument,
  givenTask,
  givenUnit,
  givenUser,
} from '../support/supervision-fixtures';

describe('ReportsService along the rename chain (units.successor_id)', () => {
  let stack: TestStack;
  let worker: INestApplicationContext;
  let ds: DataSource;

  beforeAll(async () => {
    stack = await createStack('2020-07-01T10:00:00+08:00');
    worker = await stack.startWorker();
    ds = worker.get(DataSource);
  });
  afterAll(() => stack.close());

  it("lets the successor's members file a report led under the former name; another unit gets 404", async () => {
    const current = await givenUnit(ds, '自治区工业和信息化厅');
    const former = await givenUnit(ds, '自治区工业和信息化委');
    await ds.query(`UPDATE units SET successor_id = $1 WHERE id = $2`, [current, former]);
    const other = await givenUnit(ds, '自治区科技厅');
    const documentId = await givenDocument(ds);
    await givenAssignment(
      ds,
      await givenTask(ds, documentId),
      former,
      'lead',
      new Date('2020-07-01T09:00:00+08:00'),
    );
    const cycle = await worker.get(CyclesService).open(null, documentId, '2020-Q3');
    const [{ id }] = (await ds.query(`SELECT id FROM status_reports WHERE cycle_id = $1`, [
      cycle.id,
    ])) as { id: string }[];
    const reports = worker.get(ReportsService);

    const stranger = await givenUser(ds, { roles: ['agency'], unitId: other });
    await expect(reports.saveDraft(stranger, id, { narrative: '非本单位' })).rejects.toMatchObject({
      code: 'REPORT_NOT_FOUND',
    });
    await expect(reports.submit(stranger, id, { narrative: '非本单位' })).rejects.toMatchObject({
      code: 'REPORT_NOT_FOUND',
    });
    await expect(reports.get(stranger, id)).rejects.toMatchObject({ code: 'REPORT_NOT_FOUND' });

    const member = await givenUser(ds, { roles: ['agency'], unitId: current });
    expect((await reports.listForCycle(member, cycle.id)).items.map((r) => r.id)).toEqual([id]);
    await reports.saveDraft(member, id, { narrative: '已完成年度目标的60%' });
    const filed = await reports.submit(member, id, { progressPercent: 60 });
    expect(filed).toMatchObject({
      id,
      unitId: former,
      state: 'submitted',
      revision: 1,
      narrative: '已完成年度目标的60%',
    });
    const [audit] = await ds.query(
      `SELECT actor_id FROM audit_log WHERE action = 'report.submit' AND target_id = $1`,
      [id],
    );
    expect(audit.actor_id).toBe(member.id);
  });

  it("lets the successor's members ask for an extension of a report led under the former name, and see it; not another unit", async () => {
    const current = await givenUnit(ds, '自治区商务厅');
    const former = await givenUnit(ds, '自治区商务委');
    await ds.query(`UPDATE units SET successor_id = $1 WHERE id = $2`, [current, former]);
    const other = await givenUnit(ds, '自治区财政厅');
    const documentId = await givenDocument(ds);
    await givenAssignment(
      ds,
      await givenTask(ds, documentId),
      former,
      'lead',
      new Date('2020-07-01T09:00:00+08:00'),
    );
    const cycle = await worker.get(CyclesService).open(null, documentId, '2020-Q3');
    const [{ id }] = (await ds.query(`SELECT id FROM status_reports WHERE cycle_id = $1`, [
      cycle.id,
    ])) as { id: string }[];
    const extensions = worker.get(ExtensionsService);

    const stranger = await givenUser(ds, { roles: ['agency'], unitId: other });
    await expect(
      extensions.request(stranger, id, '2020-10-31', '数据尚未汇总'),
    ).rejects.toMatchObject({ code: 'REPORT_NOT_FOUND' });
    const member = await givenUser(ds, { roles: ['agency'], unitId: current });
    const asked = await extensions.request(member, id, '2020-10-31', '数据尚未汇总');
    expect(asked).toMatchObject({ reportId: id, state: 'pending', requestedDueOn: '2020-10-31' });
    expect((await extensions.listFor(member)).map((e) => e.id)).toEqual([asked.id]);
    expect(await extensions.listFor(stranger)).toEqual([]);
  });
});
