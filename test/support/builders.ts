import { randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import type { AssignmentRole, AssignmentState, Role, TaskState } from '@tracker/domain';
import { Assignment, PolicyDocument, Task, Unit, User } from '@tracker/database';
import { hashPassword } from '@tracker/services';
import request from 'supertest';
import { DataSource } from 'typeorm';

// Builders insert rows directly with TypeORM, so a spec states only what it is about.

const uid = (): string => randomBytes(4).toString('hex');

export const TEST_PASSWORD = 'correct horse battery staple';
const hashes = new Map<string, Promise<string>>();
const hashOf = (password: string): Promise<string> => {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
};

export const dataSourceOf = (app: INestApplication): DataSource => app.get(DataSource);

export async function givenDocument(
  ds: DataSource,
  over: Partial<PolicyDocument> = {},
): Promise<PolicyDocument> {
  const doc = ds.getRepository(PolicyDocument).create({
    title: `测试文件 ${uid()}`,
    issuer: '自治区人民政府',
    docNumber: null,
    issuedOn: '2020-03-01',
    contentHash: uid() + uid(),
    sourceText: '',
    supervisionProfile: {
      cadence: 'quarterly',
      dueOffsetDays: 10,
      countWorkingDays: false,
      reminderDaysBefore: 3,
      overdueDaysAfter: 1,
      supervisionDaysAfter: 5,
      leadingGroupDaysAfter: 10,
      ackReminderDays: 3,
      ackOverdueDays: 7,
    },
    ...over,
  });
  return ds.getRepository(PolicyDocument).save(doc);
}

let ordinal = 0;
export async function givenTask(
  ds: DataSource,
  documentId: string,
  over: Partial<
    Pick<Task, 'path' | 'heading' | 'body' | 'deadlineOn' | 'deadlineText' | 'state' | 'isTask'>
  > & { state?: TaskState } = {},
): Promise<Task> {
  const path = over.path ?? ['一', `（${++ordinal}）`];
  const task = ds.getRepository(Task).create({
    documentId,
    parentId: null,
    path,
    pathKey: path.join('/'),
    ordinal: ++ordinal,
    heading: over.heading ?? `任务 ${path.join('')}`,
    body: over.body ?? '',
    isTask: over.isTask ?? true,
    unitsSource: 'own',
    deadlineText: over.deadlineText ?? null,
    deadlineOn: over.deadlineOn ?? null,
    targets: [],
    state: over.state ?? 'open',
  });
  return ds.getRepository(Task).save(task);
}

export async function givenUnit(
  ds: DataSource,
  name: string,
  over: Partial<Unit> = {},
): Promise<Unit> {
  const unit = ds
    .getRepository(Unit)
    .create({ name, level: 'province', kind: 'department', region: '广西', ...over });
  return ds.getRepository(Unit).save(unit);
}

export async function givenAssignment(
  ds: DataSource,
  taskId: string,
  unitId: string,
  role: AssignmentRole,
  over: { state?: AssignmentState; declineReason?: string } = {},
): Promise<Assignment> {
  const a = ds.getRepository(Assignment).create({
    taskId,
    unitId,
    role,
    state: over.state ?? 'pending',
    declineReason: over.declineReason ?? (over.state === 'declined' ? '不属于本单位职责' : null),
    declinedAt: over.state === 'declined' ? new Date('2020-07-01T00:00:00Z') : null,
  });
  return ds.getRepository(Assignment).save(a);
}

export async function givenUser(
  ds: DataSource,
  username: string,
  roles: Role[],
  unitId: string | null = null,
  over: { password?: string; isDisabled?: boolean } = {},
): Promise<User> {
  const user = ds.getRepository(User).create({
    username,
    displayName: username,
    email: `${username}@example.gov.cn`,
    passwordHash: await hashOf(over.password ?? TEST_PASSWORD),
    roles,
    unitId,
    isDisabled: over.isDisabled ?? false,
  });
  return ds.getRepository(User).save(user);
}

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
  auth: { Authorization: string };
}

/** Signs in through the real route and returns the tokens and a ready Authorization header. */
export async function loginAs(
  api: INestApplication,
  username: string,
  password = TEST_PASSWORD,
): Promise<SignedIn> {
  const res = await request(api.getHttpServer())
    .post('/api/auth/login')
    .send({ username, password });
  if (res.status !== 200)
    throw new Error(`login as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const { accessToken, refreshToken } = res.body as { accessToken: string; refreshToken: string };
  return { accessToken, refreshToken, auth: { Authorization: `Bearer ${accessToken}` } };
}
