import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { INestApplication } from '@nestjs/common';
import * as iconv from 'iconv-lite';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { givenUnit, givenUser, loginAs } from '../support/builders';
import { createStack, TestStack } from '../support/harness';

const FILE = '2020-guangxi-manufacturing-breakthrough-year-plan.txt';
const TEXT = readFileSync(path.resolve(__dirname, '../../seeds', FILE), 'utf8');

describe('document import over HTTP (office only)', () => {
  let stack: TestStack;
  let api: INestApplication;
  let office: { Authorization: string };
  let agency: { Authorization: string };
  let leader: { Authorization: string };
  const http = () => request(api.getHttpServer());

  beforeAll(async () => {
    stack = await createStack();
    api = await stack.startApi();
    const ds = api.get(DataSource);
    const unit = await givenUnit(ds, '自治区科技厅');
    await givenUser(ds, 'office1', ['office']);
    await givenUser(ds, 'leader1', ['leader']);
    await givenUser(ds, 'agency1', ['agency'], unit.id);
    office = (await loginAs(api, 'office1')).auth;
    agency = (await loginAs(api, 'agency1')).auth;
    leader = (await loginAs(api, 'leader1')).auth;
  });
  afterAll(() => stack.close());

  it('previews the tree, the assignments and the warnings without saving anything', async () => {
    const res = await http()
      .post('/api/documents/preview')
      .set(office)
      .send({ fileName: FILE, text: TEXT })
      .expect(200);
    expect(res.body.document.tasks.length).toBe(32);
    expect(res.body.alreadyImported).toBeNull();
    const first = res.body.outline[0];
    expect(first.path).toEqual(['一']);
    const lead = res.body.assignments.find(
      (a: { path: string[]; role: string }) =>
        a.path.join('/') === '二/（一）/1' && a.role === 'lead',
    );
    expect(lead.name).toBe('自治区发展改革委');
    // Nothing in the registry yet but 自治区科技厅: the rest are flagged, once each.
    const unknown = res.body.warnings.filter(
      (w: { code: string }) => w.code === 'UNIT_NOT_IN_REGISTRY',
    );
    expect(unknown.length).toBeGreaterThan(5);
    expect(unknown.map((w: { unit: string }) => w.unit)).not.toContain('自治区科技厅');
    expect(new Set(unknown.map((w: { unit: string }) => w.unit)).size).toBe(unknown.length);
    const [{ count }] = await api
      .get(DataSource)
      .query(`SELECT count(*)::int AS count FROM policy_documents`);
    expect(count).toBe(0);
  });

  it('imports on confirmation, once, and lists and shows the document', async () => {
    const first = await http()
      .post('/api/documents')
      .set(office)
      .send({ fileName: FILE, text: TEXT })
      .expect(201);
    expect(first.body).toMatchObject({ created: true, tasks: 32 });
    const again = await http()
      .post('/api/documents')
      .set(office)
      .send({ fileName: FILE, text: TEXT })
      .expect(201);
    expect(again.body).toMatchObject({ created: false, documentId: first.body.documentId });

    const list = await http().get('/api/documents').set(leader).expect(200);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({ id: first.body.documentId, tasks: 32, sourceFile: FILE });

    const doc = await http().get(`/api/documents/${first.body.documentId}`).set(office).expect(200);
    expect(doc.body.tree.map((n: { path: string[] }) => n.path[0])).toEqual(
      expect.arrayContaining(['一', '二', '三']),
    );
    const preview = await http()
      .post('/api/documents/preview')
      .set(office)
      .send({ fileName: FILE, text: TEXT })
      .expect(200);
    expect(preview.body.alreadyImported.id).toBe(first.body.documentId);
  });

  it('decodes a GB18030 upload', async () => {
    const contentBase64 = iconv.encode(TEXT, 'gb18030').toString('base64');
    const res = await http()
      .post('/api/documents/preview')
      .set(office)
      .send({ fileName: 'gbk.txt', contentBase64 })
      .expect(200);
    expect(res.body.encoding).toBe('gb18030');
    expect(res.body.document.tasks.length).toBe(32);
  });

  it('reads Word and PDF uploads, and refuses a scanned PDF naming the reason', async () => {
    const fixture = (name: string) =>
      readFileSync(path.resolve(__dirname, '../../libs/documents/src/__fixtures__', name)).toString(
        'base64',
      );
    const word = await http()
      .post('/api/documents/preview')
      .set(office)
      .send({ fileName: 'plan.docx', contentBase64: fixture('annex-table-tabs.docx') })
      .expect(200);
    expect(word.body).toMatchObject({ format: 'docx', encoding: 'utf-8' });
    expect(word.body.document.tasks.map((t: { path: string[] }) => t.path.join('/'))).toContain(
      '附件/6',
    );
    const pdf = await http()
      .post('/api/documents/preview')
      .set(office)
      .send({
        fileName: 'talent.pdf',
        contentBase64: fixture('corpus/2012-guangzhou-talent-gathering-opinions.pdf'),
      })
      .expect(200);
    expect(pdf.body.format).toBe('pdf');
    expect(pdf.body.document.tasks).toHaveLength(44);
    const scan = await http()
      .post('/api/documents/preview')
      .set(office)
      .send({ fileName: 'scan.pdf', contentBase64: fixture('scanned-image-only.pdf') })
      .expect(422);
    expect(scan.body).toMatchObject({ error: 'DOCUMENT_UNREADABLE', reason: 'NO_TEXT_LAYER' });
    expect(scan.body.detail).toContain('scan.pdf: PDF has no text layer');
  });

  it.each([
    ['empty text', { fileName: 'empty.txt', text: '' }, 'EMPTY'],
    [
      'binary bytes',
      {
        fileName: 'x.bin',
        contentBase64: Buffer.from([0, 1, 2, 3, 0, 255, 0, 7, 0, 9]).toString('base64'),
      },
      'BINARY',
    ],
    [
      'no numbered items',
      { fileName: 'letter.txt', text: '各位同事：\n本周五下午开会，请准时参加。\n办公室\n' },
      'NO_NUMBERED_ITEMS',
    ],
  ])(
    'refuses %s with a reason naming the file, and saves nothing',
    async (_label, body, reason) => {
      const res = await http().post('/api/documents/preview').set(office).send(body).expect(422);
      expect(res.body).toMatchObject({ error: 'DOCUMENT_UNREADABLE', reason });
      expect(res.body.detail).toContain(body.fileName);
      await http().post('/api/documents').set(office).send(body).expect(422);
    },
  );

  it('names the bad fields in a 400', async () => {
    const res = await http()
      .post('/api/documents/preview')
      .set(office)
      .send({ fileName: 'a/b.txt', text: 5, extra: true })
      .expect(400);
    expect(Object.keys(res.body.fields)).toEqual(
      expect.arrayContaining(['fileName', 'text', 'extra']),
    );
  });

  it('refuses agencies and leaders, and anonymous callers', async () => {
    await http()
      .post('/api/documents/preview')
      .set(agency)
      .send({ fileName: FILE, text: TEXT })
      .expect(403);
    await http()
      .post('/api/documents')
      .set(agency)
      .send({ fileName: FILE, text: TEXT })
      .expect(403);
    await http()
      .post('/api/documents')
      .set(leader)
      .send({ fileName: FILE, text: TEXT })
      .expect(403);
    await http().post('/api/documents').send({ fileName: FILE, text: TEXT }).expect(401);
  });
});
