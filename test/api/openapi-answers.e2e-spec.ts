import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { givenUnit, givenUser, loginAs } from '../support/builders';
import { createStack, TestStack } from '../support/harness';
import { conformance, OpenApiDoc } from '../support/openapi-schema';

const FILE = '2020-guangxi-manufacturing-breakthrough-year-plan.txt';
const TEXT = readFileSync(path.resolve(__dirname, '../../seeds', FILE), 'utf8');

type Auth = { Authorization: string };
type Call = {
  method: 'get' | 'post' | 'put' | 'patch';
  route: string;
  url: string;
  send?: object;
  /** A file sent as the body itself (evidence). */
  file?: Buffer;
};

// A 1×1 transparent PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/**
 * The api answers in the shapes /api/docs-json documents: each answer is checked against the
 * schema of its own status, no undocumented key, no missing required one, no null where none may be.
 */
describe('the answers match /api/docs-json', () => {
  let stack: TestStack;
  let api: INestApplication;
  let doc: OpenApiDoc;
  let office: Auth;
  let agency: Auth;
  let evidenceDir: string;
  const problems: string[] = [];
  const http = () => request(api.getHttpServer());

  /** Calls a route and records where its answer departs from its documented schema. */
  async function check(who: Auth, call: Call): Promise<Record<string, unknown>> {
    const name = `${call.method.toUpperCase()} ${call.route}`;
    const req = http()[call.method](call.url).set(who);
    const res = call.file
      ? await req.set('Content-Type', 'application/octet-stream').send(call.file)
      : await req.send(call.send);
    const op = doc.paths[call.route]?.[call.method];
    const schema = op?.responses?.[String(res.status)]?.content?.['application/json']?.schema;
    if (res.status >= 300) problems.push(`${name}: answered ${res.status} ${res.text}`);
    else if (!schema) problems.push(`${name}: ${res.status} has no documented JSON schema`);
    else problems.push(...conformance(doc, res.body, schema).map((p) => `${name} ${p}`));
    return res.body;
  }

  beforeAll(async () => {
    stack = await createStack('2020-07-01T10:00:00+08:00');
    evidenceDir = mkdtempSync(path.join(tmpdir(), 'answers-evidence-'));
    api = await stack.startApi({ EVIDENCE_STORAGE: 'local', EVIDENCE_DIR: evidenceDir });
    doc = (await http().get('/api/docs-json').expect(200)).body;
    const ds = api.get(DataSource);
    await givenUser(ds, 'office1', ['office']);
    office = (await loginAs(api, 'office1')).auth;
  });
  afterAll(async () => {
    await stack.close();
    rmSync(evidenceDir, { recursive: true, force: true });
  });

  it('from importing a plan to filing, urging, extending and assessing', async () => {
    const preview = (await check(office, {
      method: 'post',
      route: '/api/documents/preview',
      url: '/api/documents/preview',
      send: { fileName: FILE, text: TEXT },
    })) as { assignments: { name: string; registered: boolean }[] };
    // Register the plan's units so that its tasks are assigned and its cycle holds reports.
    const ds = api.get(DataSource);
    const names = [...new Set(preview.assignments.filter((a) => !a.registered).map((a) => a.name))];
    const units = new Map<string, string>();
    for (const name of names) units.set(name, (await givenUnit(ds, name)).id);
    const imported = (await check(office, {
      method: 'post',
      route: '/api/documents',
      url: '/api/documents',
      send: { fileName: FILE, text: TEXT },
    })) as { documentId: string };
    const id = imported.documentId;
    const opened = (await check(office, {
      method: 'post',
      route: '/api/cycles',
      url: '/api/cycles',
      send: { documentId: id, period: '2020-Q3' },
    })) as { id: string };
    const page = (await check(office, {
      method: 'get',
      route: '/api/cycles/{id}/reports',
      url: `/api/cycles/${opened.id}/reports`,
    })) as { items: { id: string; taskId: string; unitId: string }[] };
    expect(page.items.length).toBeGreaterThan(0);
    const [report] = page.items;
    await givenUser(ds, 'lead1', ['agency'], report.unitId);
    agency = (await loginAs(api, 'lead1')).auth;

    for (const [route, url] of [
      ['/api/documents', '/api/documents'],
      ['/api/documents/{id}', `/api/documents/${id}`],
      ['/api/documents/{id}/tree', `/api/documents/${id}/tree`],
      ['/api/documents/{id}/supervision-profile', `/api/documents/${id}/supervision-profile`],
      ['/api/documents/{id}/plan', `/api/documents/${id}/plan`],
      ['/api/documents/{id}/unit-accounts', `/api/documents/${id}/unit-accounts`],
      ['/api/cycles', '/api/cycles'],
      ['/api/cycles/{id}/units', `/api/cycles/${opened.id}/units`],
      ['/api/tasks', '/api/tasks'],
      ['/api/tasks/{id}', `/api/tasks/${report.taskId}`],
      ['/api/tasks/{id}/completion', `/api/tasks/${report.taskId}/completion`],
      ['/api/reports/{id}', `/api/reports/${report.id}`],
      ['/api/escalations', '/api/escalations'],
      ['/api/escalations/overdue', '/api/escalations/overdue'],
      ['/api/completion-requests', '/api/completion-requests'],
      ['/api/documents/{id}/assessment-scheme', `/api/documents/${id}/assessment-scheme`],
    ] as const)
      await check(office, { method: 'get', route, url });
    await check(office, {
      method: 'post',
      route: '/api/cycles/preview',
      url: '/api/cycles/preview',
      send: { documentId: id, period: '2020-Q4' },
    });
    await check(office, {
      method: 'patch',
      route: '/api/documents/{id}',
      url: `/api/documents/${id}`,
      send: { docNumber: '桂政办发〔2020〕1号' },
    });

    await check(agency, { method: 'get', route: '/api/me', url: '/api/me' });
    await check(agency, { method: 'get', route: '/api/me/tasks', url: '/api/me/tasks' });
    await check(agency, {
      method: 'post',
      route: '/api/extensions',
      url: '/api/extensions',
      send: { reportId: report.id, requestedDueOn: '2020-10-31', reason: '数据汇总需要时间' },
    });
    const content = { progressStatus: 'on_track', progressPercent: 40, narrative: '按计划推进' };
    await check(agency, {
      method: 'put',
      route: '/api/reports/{id}/draft',
      url: `/api/reports/${report.id}/draft`,
      send: content,
    });
    await check(agency, {
      method: 'post',
      route: '/api/reports/{id}/submit',
      url: `/api/reports/${report.id}/submit`,
      send: content,
    });
    await check(agency, {
      method: 'get',
      route: '/api/reports/{id}/revisions',
      url: `/api/reports/${report.id}/revisions`,
    });
    await check(office, { method: 'get', route: '/api/extensions', url: '/api/extensions' });
    await check(office, {
      method: 'post',
      route: '/api/tasks/{id}/urgings',
      url: `/api/tasks/${report.taskId}/urgings`,
      send: { unitId: report.unitId, comment: '请抓紧推进' },
    });
    await check(office, {
      method: 'post',
      route: '/api/reports/{id}/accept',
      url: `/api/reports/${report.id}/accept`,
      send: { comment: '同意' },
    });
    await check(office, {
      method: 'get',
      route: '/api/documents/{id}/assessment',
      url: `/api/documents/${id}/assessment?period=2020-Q3`,
    });
    await check(agency, {
      method: 'post',
      route: '/api/reports/{id}/evidence',
      url: `/api/reports/${report.id}/evidence?filename=${encodeURIComponent('现场照片.png')}`,
      file: PNG,
    });
    await check(office, {
      method: 'get',
      route: '/api/reports/{id}/evidence',
      url: `/api/reports/${report.id}/evidence`,
    });
    await check(agency, {
      method: 'post',
      route: '/api/reports/{id}/completion-request',
      url: `/api/reports/${report.id}/completion-request`,
    });
    await check(office, {
      method: 'get',
      route: '/api/completion-requests',
      url: '/api/completion-requests',
    });
    await check(office, {
      method: 'post',
      route: '/api/tasks/{id}/close',
      url: `/api/tasks/${report.taskId}/close`,
      send: { comment: '核验通过' },
    });
    await check(agency, {
      method: 'post',
      route: '/api/me/assignments/acknowledge',
      url: '/api/me/assignments/acknowledge',
      send: {},
    });
    await check(agency, { method: 'get', route: '/api/me/notices', url: '/api/me/notices' });
    await check(office, {
      method: 'get',
      route: '/api/search',
      url: `/api/search?q=${encodeURIComponent('制造业')}`,
    });
    await check(agency, {
      method: 'post',
      route: '/api/me/notices/read-all',
      url: '/api/me/notices/read-all',
    });

    await check(office, {
      method: 'patch',
      route: '/api/documents/{id}/plan',
      url: `/api/documents/${id}/plan`,
      send: { horizonYear: 2021 },
    });
    await check(office, {
      method: 'post',
      route: '/api/documents/{id}/archive',
      url: `/api/documents/${id}/archive`,
    });

    expect({ count: problems.length, problems }).toEqual({ count: 0, problems: [] });
  });
});
