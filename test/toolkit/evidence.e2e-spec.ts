import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { INestApplication } from '@nestjs/common';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CyclesService } from '@tracker/services';
import { loginAs } from '../support/builders';
import { createStack, TestStack } from '../support/harness';
import { givenWorld, World } from '../support/world';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (opts: Record<string, unknown>) => {
  run(): Promise<AddressInfo | [string, number]>;
  close(): Promise<void>;
};

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);
// A 1×1 transparent PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const MAX = 64 * 1024;

async function xlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('进展').addRow(['指标', '完成值']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.each(['local', 's3'] as const)('evidence (佐证材料) stored on %s', (driver) => {
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  let w: World;
  let reportId: string;
  let agencyC: Record<string, string>;
  let dir: string;
  let s3: InstanceType<typeof S3rver> | null = null;
  let s3Env: Record<string, string> = {};
  const http = () => request(api.getHttpServer());
  const attach = (who: Record<string, string>, name: string, body: Buffer) =>
    http()
      .post(`/api/reports/${reportId}/evidence?filename=${encodeURIComponent(name)}`)
      .set(who)
      .set('Content-Type', 'application/octet-stream')
      .send(body);
  const binary = (req: request.Test) =>
    req.buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'evidence-'));
    if (driver === 's3') {
      s3 = new S3rver({
        address: '127.0.0.1',
        port: 0,
        silent: true,
        directory: path.join(dir, 's3'),
        configureBuckets: [{ name: 'evidence' }],
      });
      const address = await s3.run();
      const port = Array.isArray(address) ? address[1] : address.port;
      s3Env = {
        EVIDENCE_STORAGE: 's3',
        S3_BUCKET: 'evidence',
        S3_ENDPOINT: `http://127.0.0.1:${port}`,
        S3_REGION: 'us-east-1',
        S3_ACCESS_KEY_ID: 'S3RVER',
        S3_SECRET_ACCESS_KEY: 'S3RVER',
        S3_FORCE_PATH_STYLE: 'true',
      };
    }
    stack = await createStack('2020-07-01T09:00:00+08:00');
    api = await stack.startApi({
      EVIDENCE_STORAGE: 'local',
      EVIDENCE_DIR: path.join(dir, 'files'),
      EVIDENCE_MAX_BYTES: String(MAX),
      ...s3Env,
    });
    ds = api.get(DataSource);
    w = await givenWorld(api);
    await api.get(CyclesService).open(null, w.doc.id, '2020-Q3');
    [{ id: reportId }] = await ds.query(`SELECT id FROM status_reports WHERE task_id = $1`, [
      w.tasks.t1.id,
    ]);
    agencyC = (await loginAs(api, 'agency-c')).auth;
  });
  afterAll(async () => {
    await stack.close();
    await s3?.close();
    rmSync(dir, { recursive: true, force: true });
    for (const k of Object.keys(s3Env)) delete process.env[k];
    for (const k of ['EVIDENCE_STORAGE', 'EVIDENCE_DIR', 'EVIDENCE_MAX_BYTES'])
      delete process.env[k];
  });

  it('refuses a file by its content, whatever its name says, and one over the size limit', async () => {
    const text = await attach(
      w.headers.agencyA,
      '进展说明.pdf',
      Buffer.from('这不是PDF文件，只是文字。'),
    );
    expect(text.status).toBe(415);
    expect(text.body).toMatchObject({
      error: 'EVIDENCE_TYPE_REFUSED',
      message:
        '佐证材料只能是 PDF、图片（PNG、JPEG、GIF、WebP）、Word（.docx）或 Excel（.xlsx）文件',
    });
    const exe = await attach(
      w.headers.agencyA,
      '照片.png',
      Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]),
    );
    expect(exe.status).toBe(415);
    const big = await attach(
      w.headers.agencyA,
      '大文件.pdf',
      Buffer.concat([PDF, Buffer.alloc(MAX)]),
    );
    expect(big.status).toBe(413);
    expect(big.body.error).toBe('EVIDENCE_TOO_LARGE');
    const empty = await attach(w.headers.agencyA, '空.pdf', Buffer.alloc(0));
    expect(empty.status).toBe(400);
    expect(Object.keys(empty.body.fields)).toEqual(['file']);
    expect(await ds.query(`SELECT * FROM evidence_files`)).toEqual([]);
  });

  it('stores what the lead unit (report) and the supporting unit (contribution) attach, typed by content', async () => {
    const pdf = await attach(w.headers.agencyA, '../../项目验收报告.pdf', PDF);
    expect(pdf.status).toBe(201);
    expect(pdf.body).toMatchObject({
      reportId,
      role: 'report',
      unit: { id: w.units.A.id },
      filename: '项目验收报告.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      revision: 0,
    });
    // Named .jpg, but the bytes are a PNG: stored as what it is.
    stack.clock.set(new Date('2020-07-01T09:01:00+08:00'));
    const png = await attach(w.headers.agencyB, '现场照片.jpg', PNG);
    expect(png.status).toBe(201);
    expect(png.body).toMatchObject({
      role: 'contribution',
      unit: { id: w.units.B.id },
      contentType: 'image/png',
    });
    stack.clock.set(new Date('2020-07-01T09:02:00+08:00'));
    const sheet = await attach(w.headers.agencyA, '指标.xlsx', await xlsx());
    expect(sheet.status).toBe(201);
    expect(sheet.body.contentType).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );

    const [row] = await ds.query(`SELECT storage_key FROM evidence_files WHERE id = $1`, [
      pdf.body.id,
    ]);
    if (driver === 'local') {
      expect(readFileSync(path.join(dir, 'files', row.storage_key))).toEqual(PDF);
    } else {
      expect(existsSync(path.join(dir, 'files'))).toBe(false);
      const client = new S3Client({
        region: 'us-east-1',
        endpoint: s3Env.S3_ENDPOINT,
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      });
      const object = await client.send(
        new GetObjectCommand({ Bucket: 'evidence', Key: row.storage_key }),
      );
      expect(Buffer.from(await object.Body!.transformToByteArray())).toEqual(PDF);
      client.destroy();
    }
    expect(
      await ds.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'report.attach_evidence' AND target_id = $1`,
        [reportId],
      ),
    ).toEqual([{ n: 3 }]);
  });

  it('lets the lead unit, the supporting unit and the office download; another unit gets 404 and cannot attach', async () => {
    const list = await http().get(`/api/reports/${reportId}/evidence`).set(w.headers.office);
    expect(list.body.map((f: { filename: string }) => f.filename)).toEqual([
      '项目验收报告.pdf',
      '现场照片.jpg',
      '指标.xlsx',
    ]);
    const id = list.body[0].id;
    for (const who of ['agencyA', 'agencyB', 'office', 'leader'] as const) {
      const res = await binary(http().get(`/api/evidence/${id}/download`).set(w.headers[who]));
      expect([who, res.status]).toEqual([who, 200]);
      expect(res.headers['content-type']).toContain('application/pdf');
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('项目验收报告.pdf'));
      expect(res.body).toEqual(PDF);
    }
    const denied = await http().get(`/api/evidence/${id}/download`).set(agencyC);
    expect(denied.status).toBe(404);
    expect(denied.body.error).toBe('EVIDENCE_NOT_FOUND');
    expect((await http().get(`/api/reports/${reportId}/evidence`).set(agencyC)).status).toBe(404);
    expect((await attach(agencyC, '冒名.pdf', PDF)).status).toBe(404);
    expect((await attach(w.headers.office, '办公室.pdf', PDF)).status).toBe(403);
    expect((await http().get(`/api/evidence/${id}/download`)).status).toBe(401);
    const anonymous = await http()
      .post(`/api/reports/${reportId}/evidence?filename=x.pdf`)
      .set('Content-Type', 'application/octet-stream')
      .send(PDF);
    expect(anonymous.status).toBe(401);

    // A supporting unit that declined its part no longer reaches the report: it attaches nothing more.
    await http()
      .post(`/api/assignments/${w.asg.t1B.id}/decline`)
      .set(w.headers.agencyB)
      .send({ reason: '不属于本单位职责' })
      .expect(200);
    const afterDecline = await attach(w.headers.agencyB, '补充照片.png', PNG);
    expect(afterDecline.status).toBe(404);
    expect(afterDecline.body.error).toBe('REPORT_NOT_FOUND');
  });

  it('removes the stored file again when its row cannot be written: a failed attachment leaves nothing behind', async () => {
    const stored = async (): Promise<string[]> => {
      if (driver === 'local') {
        const d = path.join(dir, 'files', reportId);
        return existsSync(d) ? readdirSync(d).sort() : [];
      }
      const client = new S3Client({
        region: 'us-east-1',
        endpoint: s3Env.S3_ENDPOINT,
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      });
      const out = await client.send(
        new ListObjectsV2Command({ Bucket: 'evidence', Prefix: `${reportId}/` }),
      );
      client.destroy();
      return (out.Contents ?? []).map((o) => (o.Key as string).slice(reportId.length + 1)).sort();
    };
    const before = await stored();
    expect(before.length).toBeGreaterThan(0);
    // The database refuses the row after the bytes were stored.
    await ds.query(`CREATE FUNCTION refuse_evidence() RETURNS trigger LANGUAGE plpgsql AS
      $$ BEGIN RAISE EXCEPTION 'evidence refused for the test'; END $$`);
    await ds.query(`CREATE TRIGGER refuse_evidence BEFORE INSERT ON evidence_files
      FOR EACH ROW EXECUTE FUNCTION refuse_evidence()`);
    try {
      const failed = await attach(w.headers.agencyA, '第二份报告.pdf', PDF);
      expect(failed.status).toBe(500);
    } finally {
      await ds.query(`DROP TRIGGER refuse_evidence ON evidence_files`);
      await ds.query(`DROP FUNCTION refuse_evidence()`);
    }
    expect(await stored()).toEqual(before);
    const rows = await ds.query(`SELECT storage_key FROM evidence_files WHERE report_id = $1`, [
      reportId,
    ]);
    expect(rows.map((r: { storage_key: string }) => r.storage_key.split('/')[1]).sort()).toEqual(
      before,
    );
  });
});
