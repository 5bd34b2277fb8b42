import { INestApplication } from '@nestjs/common';
import { Assignment, PolicyDocument, Task, Unit } from '@tracker/database';
import { DataSource } from 'typeorm';
import {
  givenAssignment,
  givenDocument,
  givenTask,
  givenUnit,
  givenUser,
  loginAs,
} from './builders';

export const ROLE_NAMES = ['anon', 'admin', 'leader', 'office', 'agencyA', 'agencyB'] as const;
export type Who = (typeof ROLE_NAMES)[number];

/**
 * Two agencies and the office around one document:
 * - unit A (自治区工业和信息化厅) has a former name A0 (自治区工业和信息化委, successor A);
 * - t1: A leads, B supports (deadline passed on the clock's start date 2020-07-01);
 * - t2: B leads, A0 supports (the former name: A's members see it);
 * - t3: C leads alone (neither A nor B may see it); doc2 holds only t4 (C leads).
 */
export interface World {
  units: { A: Unit; A0: Unit; B: Unit; C: Unit };
  doc: PolicyDocument;
  doc2: PolicyDocument;
  tasks: { t1: Task; t2: Task; t3: Task; t4: Task };
  asg: {
    t1A: Assignment;
    t1B: Assignment;
    t2B: Assignment;
    t2A0: Assignment;
    t3C: Assignment;
    t4C: Assignment;
  };
  headers: Record<Who, Record<string, string>>;
}

export async function givenWorld(api: INestApplication): Promise<World> {
  const ds = api.get(DataSource);
  const A = await givenUnit(ds, '自治区工业和信息化厅');
  const A0 = await givenUnit(ds, '自治区工业和信息化委', { successorId: A.id });
  const B = await givenUnit(ds, '自治区科技厅');
  const C = await givenUnit(ds, '自治区财政厅');
  const doc = await givenDocument(ds, {
    title: '关于加快制造业发展的实施意见',
    issuedOn: '2016-03-17',
  });
  const doc2 = await givenDocument(ds, { title: '另一个文件', issuedOn: '2017-04-21' });
  const t1 = await givenTask(ds, doc.id, {
    path: ['一', '（一）'],
    heading: '推进智能制造',
    deadlineOn: '2020-06-30',
    deadlineText: '2020年6月底前',
  });
  const t2 = await givenTask(ds, doc.id, {
    path: ['一', '（二）'],
    heading: '建设制造业创新中心',
    deadlineOn: '2021-12-31',
    deadlineText: '到2021年',
  });
  const t3 = await givenTask(ds, doc.id, {
    path: ['二', '（一）'],
    heading: '设立产业发展基金',
    deadlineOn: null,
  });
  const t4 = await givenTask(ds, doc2.id, { path: ['一'], heading: '别的任务' });
  const asg = {
    t1A: await givenAssignment(ds, t1.id, A.id, 'lead'),
    t1B: await givenAssignment(ds, t1.id, B.id, 'support'),
    t2B: await givenAssignment(ds, t2.id, B.id, 'lead'),
    t2A0: await givenAssignment(ds, t2.id, A0.id, 'support'),
    t3C: await givenAssignment(ds, t3.id, C.id, 'lead'),
    t4C: await givenAssignment(ds, t4.id, C.id, 'lead'),
  };
  await givenUser(ds, 'agency-a', ['agency'], A.id);
  await givenUser(ds, 'agency-b', ['agency'], B.id);
  await givenUser(ds, 'agency-c', ['agency'], C.id);
  await givenUser(ds, 'office', ['office']);
  await givenUser(ds, 'leader', ['leader']);
  await givenUser(ds, 'admin', ['admin']);
  const headers: World['headers'] = {
    anon: {},
    admin: (await loginAs(api, 'admin')).auth,
    leader: (await loginAs(api, 'leader')).auth,
    office: (await loginAs(api, 'office')).auth,
    agencyA: (await loginAs(api, 'agency-a')).auth,
    agencyB: (await loginAs(api, 'agency-b')).auth,
  };
  return { units: { A, A0, B, C }, doc, doc2, tasks: { t1, t2, t3, t4 }, asg, headers };
}
