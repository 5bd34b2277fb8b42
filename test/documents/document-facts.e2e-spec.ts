import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { fillMissingDocumentFacts } from '@tracker/services';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { givenUnit, givenUser, loginAs } from '../support/builders';
import { createStack, TestStack } from '../support/harness';

const FILE = '2020-guangxi-manufacturing-breakthrough-year-plan.txt';
const TEXT = readFileSync(path.resolve(__dirname, '../../seeds', FILE), 'utf8');
const SEED_FACTS = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../seeds/documents.json'), 'utf8'),
) as Record<string, Record<string, string>>;

/** The office's corrections: unit names mapped in the preview, and a document's facts after import. */
describe('document facts and unit mapping (office)', () => {
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  let office: { Authorization: string };
  let agency: { Authorization: string };
  let leader: { Authorization: string };
  let registered: string;
  let documentId: string;
  const http = () => request(api.getHttpServer());

  beforeAll(async () => {
    stack = await createStack();
    api = await stack.startApi();
    ds = api.get(DataSource);
    registered = (await givenUnit(ds, '自治区发展和改革委员会')).id;
    await givenUser(ds, 'office1', ['office']);
    await givenUser(ds, 'leader1', ['leader']);
    await givenUser(ds, 'agency1', ['agency'], registered);
    office = (await loginAs(api, 'office1')).auth;
    agency = (await loginAs(api, 'agency1')).auth;
    leader = (await loginAs(api, 'leader1')).auth;
  });
  afterAll(() => stack.close());

  const unitMap = { 自治区发展改革委: '自治区发展和改革委员会' };

  it('shows in the preview what a mapped name resolves to, keeping the name as written', async () => {
    const plain = await http()
      .post('/api/documents/preview')
      .set(office)
      .send({ fileName: FILE, text: TEXT })
      .expect(200);
    const before = plain.body.assignments.find(
      (a: { name: string }) => a.name === '自治区发展改革委',
    );
    expect(before).toMatchObject({ registered: false, units: [] });

    const res = await http()
      .post('/api/documents/preview')
      .set(office)
      .send({ fileName: FILE, text: TEXT, unitMap })
      .expect(200);
    const mapped = res.body.assignments.find(
      (a: { name: string }) => a.name === '自治区发展改革委',
    );
    expect(mapped).toMatchObject({
      mappedTo: '自治区发展和改革委员会',
      registered: true,
      units: [{ id: registered, name: '自治区发展和改革委员会' }],
    });
    expect(res.body.warnings.map((w: { unit?: string }) => w.unit)).not.toContain(
      '自治区发展改革委',
    );
  });

  it('imports with the mapping without touching the text, so the same file is recognised again', async () => {
    const first = await http()
      .post('/api/documents')
      .set(office)
      .send({ fileName: FILE, text: TEXT, unitMap })
      .expect(201);
    expect(first.body.created).toBe(true);
    documentId = first.body.documentId;
    const [doc] = await ds.query(`SELECT source_text FROM policy_documents WHERE id = $1`, [
      documentId,
    ]);
    expect(doc.source_text).toBe(TEXT);
    const leads = await ds.query(
      `SELECT DISTINCT u.name FROM assignments a JOIN units u ON u.id = a.unit_id JOIN tasks t ON t.id = a.task_id
        WHERE t.document_id = $1 AND t.path_key = '二/（一）/1' AND a.role = 'lead'`,
      [documentId],
    );
    expect(leads).toEqual([{ name: '自治区发展和改革委员会' }]);
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM units WHERE name = '自治区发展改革委'`,
    );
    expect(n).toBe(0);
    // The original file, without the mapping: the same document.
    const again = await http()
      .post('/api/documents')
      .set(office)
      .send({ fileName: FILE, text: TEXT })
      .expect(201);
    expect(again.body).toMatchObject({ created: false, documentId });
    const [audit] = await ds.query(
      `SELECT after FROM audit_log WHERE action = 'document.import' AND target_id = $1`,
      [documentId],
    );
    expect(audit.after.unitMap).toEqual(unitMap);
  });

  it('refuses a malformed mapping, naming the field', async () => {
    const res = await http()
      .post('/api/documents/preview')
      .set(office)
      .send({ fileName: FILE, text: TEXT, unitMap: { a: 5 } })
      .expect(400);
    expect(Object.keys(res.body.fields)).toEqual(['unitMap']);
    await http()
      .post('/api/documents/preview')
      .set(office)
      .send({ fileName: FILE, text: TEXT, unitMap: ['x'] })
      .expect(400);
    const nul = await http()
      .post('/api/documents/preview')
      .set(office)
      .send({ fileName: FILE, text: TEXT, unitMap: { 自治区发展改革委: 'a\u0000b' } })
      .expect(400);
    expect(Object.keys(nul.body.fields)).toEqual(['unitMap.自治区发展改革委']);
  });

  it('lets the office set the title, number, issuer and date the text lacks; audited with before and after', async () => {
    const res = await http()
      .patch(`/api/documents/${documentId}`)
      .set(office)
      .send({
        title: '广西制造业发展攻坚突破年行动方案',
        docNumber: '桂政办发〔2020〕1号',
        issuedOn: '2020-03-01',
      })
      .expect(200);
    expect(res.body).toMatchObject({
      title: '广西制造业发展攻坚突破年行动方案',
      docNumber: '桂政办发〔2020〕1号',
      issuedOn: '2020-03-01',
    });
    const list = await http().get('/api/documents').set(leader).expect(200);
    expect(list.body.find((d: { id: string }) => d.id === documentId)).toMatchObject({
      title: '广西制造业发展攻坚突破年行动方案',
      issuedOn: '2020-03-01',
    });
    const [audit] = await ds.query(
      `SELECT before, after FROM audit_log WHERE action = 'document.update_facts' AND target_id = $1`,
      [documentId],
    );
    expect(audit).toEqual({
      before: { title: null, docNumber: null, issuedOn: null },
      after: {
        title: '广西制造业发展攻坚突破年行动方案',
        docNumber: '桂政办发〔2020〕1号',
        issuedOn: '2020-03-01',
      },
    });
    // Clearing a field with an empty string.
    const cleared = await http()
      .patch(`/api/documents/${documentId}`)
      .set(office)
      .send({ docNumber: '' })
      .expect(200);
    expect(cleared.body.docNumber).toBeNull();
  });

  it('refuses impossible dates, unknown fields, other roles and unknown documents', async () => {
    const bad = await http()
      .patch(`/api/documents/${documentId}`)
      .set(office)
      .send({ issuedOn: '2020-02-30' })
      .expect(400);
    expect(Object.keys(bad.body.fields)).toEqual(['issuedOn']);
    await http()
      .patch(`/api/documents/${documentId}`)
      .set(office)
      .send({ issuedOn: '2020-13-01' })
      .expect(400);
    await http()
      .patch(`/api/documents/${documentId}`)
      .set(office)
      .send({ content: 'x' })
      .expect(400);
    const nul = await http()
      .patch(`/api/documents/${documentId}`)
      .set(office)
      .send({ title: '方案\u0000' })
      .expect(400);
    expect(Object.keys(nul.body.fields)).toEqual(['title']);
    expect(
      Object.keys(
        (
          await http()
            .patch(`/api/documents/${documentId}`)
            .set(office)
            .send({ title: 'x'.repeat(501) })
            .expect(400)
        ).body.fields,
      ),
    ).toEqual(['title']);
    await http().patch(`/api/documents/${documentId}`).set(agency).send({ title: 'x' }).expect(403);
    await http().patch(`/api/documents/${documentId}`).set(leader).send({ title: 'x' }).expect(403);
    await http().patch(`/api/documents/${documentId}`).send({ title: 'x' }).expect(401);
    const missing = await http()
      .patch('/api/documents/00000000-0000-4000-8000-000000000000')
      .set(office)
      .send({ title: 'x' })
      .expect(404);
    expect(missing.body.error).toBe('DOCUMENT_NOT_FOUND');
  });

  it('fills only the empty facts from the seeds beside the texts (an office edit stays)', async () => {
    expect(SEED_FACTS[FILE].title).toBeTruthy();
    await ds.query(`UPDATE policy_documents SET issuer = NULL WHERE id = $1`, [documentId]);
    const filled = await ds.transaction((em) =>
      fillMissingDocumentFacts(em, documentId, { ...SEED_FACTS[FILE], title: 'another title' }),
    );
    expect(filled).toEqual(['issuer']);
    const [doc] = await ds.query(`SELECT title, issuer FROM policy_documents WHERE id = $1`, [
      documentId,
    ]);
    expect(doc).toEqual({
      title: '广西制造业发展攻坚突破年行动方案',
      issuer: SEED_FACTS[FILE].issuer,
    });
  });

  it("lists every document, or with held=true only those in which the account's unit holds a task", async () => {
    const other = '2015-guofa-28-made-in-china-2025.txt';
    const imported = await http()
      .post('/api/documents')
      .set(office)
      .send({
        fileName: other,
        text: readFileSync(path.resolve(__dirname, '../../seeds', other), 'utf8'),
      })
      .expect(201);
    const ids = (res: request.Response) => res.body.map((d: { id: string }) => d.id).sort();
    const every = [documentId, imported.body.documentId].sort();
    expect(ids(await http().get('/api/documents').set(agency).expect(200))).toEqual(every);
    expect(ids(await http().get('/api/documents?held=true').set(agency).expect(200))).toEqual([
      documentId,
    ]);
    expect(ids(await http().get('/api/documents?held=false').set(agency).expect(200))).toEqual(
      every,
    );
    // Office and leaders hold every document.
    expect(ids(await http().get('/api/documents?held=true').set(office).expect(200))).toEqual(
      every,
    );
    const bad = await http().get('/api/documents?held=yes').set(agency).expect(400);
    expect(Object.keys(bad.body.fields)).toEqual(['held']);
  });
});
