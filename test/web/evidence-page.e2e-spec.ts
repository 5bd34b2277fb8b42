import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CyclesService } from '@tracker/services';
import { givenUser as givenLoginUser } from '../support/builders';
import { createStack, TestStack } from '../support/harness';
import {
  givenAssignment,
  givenDocument,
  givenTask,
  givenUnit,
} from '../support/supervision-fixtures';
import { WebRunner } from '../support/web-fixtures';

jest.setTimeout(120_000);
const at = (s: string): Date => new Date(`${s}+08:00`);
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

describe('pages: the lead unit attaches evidence (佐证材料) to its report; the office downloads it', () => {
  const web = new WebRunner();
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  let taskId: string;
  let reportId: string;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'evidence-web-'));
    stack = await createStack('2020-08-03T10:00:00+08:00');
    api = await stack.startApi({ EVIDENCE_DIR: dir });
    ds = api.get(DataSource);
    await web.start(api);
    const lead = await givenUnit(ds, '材料甲厅');
    await givenLoginUser(ds, 'office-m', ['office']);
    await givenLoginUser(ds, 'agency-m', ['agency'], lead);
    const doc = await givenDocument(ds, { title: '材料方案' });
    taskId = await givenTask(ds, doc, { path: ['四'], heading: '建设数据平台' });
    await givenAssignment(ds, taskId, lead, 'lead', at('2020-07-01T09:00:00'));
    const cycle = await api.get(CyclesService).open(null, doc, '2020-Q3');
    [{ id: reportId }] = await ds.query(`SELECT id FROM status_reports WHERE cycle_id = $1`, [
      cycle.id,
    ]);
  });
  afterAll(async () => {
    await web.stop();
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
    delete process.env.EVIDENCE_DIR;
  });

  it('uploads a PDF from the task page and refuses a text file named .pdf with the reason', async () => {
    const { page, context } = await web.open();
    await web.signIn(page, 'agency-m');
    await page.goto(`${web.base}/tasks/${taskId}`);
    await page
      .getByLabel('选择文件')
      .setInputFiles({ name: '平台验收报告.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: '上传佐证材料' }).click();
    await page.getByText('已上传 平台验收报告.pdf').waitFor();
    await page.getByRole('button', { name: '下载平台验收报告.pdf' }).waitFor();

    await page.getByLabel('选择文件').setInputFiles({
      name: '假材料.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('只是文字'),
    });
    await page.getByRole('button', { name: '上传佐证材料' }).click();
    await page
      .getByRole('alert')
      .getByText(/佐证材料只能是 PDF/)
      .waitFor();
    await web.shot(page, 'agency-evidence');
    expect(await ds.query(`SELECT filename, content_type FROM evidence_files`)).toEqual([
      { filename: '平台验收报告.pdf', content_type: 'application/pdf' },
    ]);
    await context.close();
  });

  it('lists the file on the office review page and downloads it', async () => {
    const { page, context } = await web.open();
    await web.signIn(page, 'office-m');
    await page.goto(`${web.base}/office/reports/${reportId}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载平台验收报告.pdf' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('平台验收报告.pdf');
    expect(readFileSync((await download.path())!)).toEqual(PDF);
    await context.close();
    expect(web.external).toEqual([]);
    // The one refusal the first test provoked (a text file named .pdf) is the only console error.
    expect(web.pageErrors).toEqual([
      'Failed to load resource: the server responded with a status of 415 (Unsupported Media Type)',
    ]);
  });
});
