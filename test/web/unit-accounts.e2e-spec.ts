import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { givenUser, loginAs } from '../support/builders';
import { drainQueues } from '../support/drain';
import { createStack, TestStack } from '../support/harness';
import { ReceivedMail } from '../support/smtp-sink';
import { WebRunner } from '../support/web-fixtures';

const CORPUS = path.resolve(__dirname, '../../libs/documents/src/__fixtures__/corpus');
const DOCX = path.join(CORPUS, '2012-guangzhou-talent-gathering-opinions.docx');
const TXT = path.join(CORPUS, '2012-guangzhou-talent-gathering-opinions.txt');
const TITLE = '关于推进人才集聚工程的实施意见';

/**
 * The office imports a new document from a Word file in the browser; its units have no accounts,
 * so the import result and the document page offer them in place. The office invites one unit by
 * mail and creates an account for another; the invitee follows the mailed link, chooses a
 * password and lands on the unit's task list.
 */
describe('web: a new document’s units get accounts (upload, invite, welcome)', () => {
  const web = new WebRunner();
  let stack: TestStack;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let ds: DataSource;
  let documentId = '';
  const http = () => request(api.getHttpServer());
  const drain = async (): Promise<void> => {
    await drainQueues({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() });
    await stack.smtp.settle();
  };
  const linksIn = (m: ReceivedMail): string[] => [
    ...new Set(m.text.match(/https?:\/\/[^\s)）"'<>]+/g) ?? []),
  ];

  beforeAll(async () => {
    stack = await createStack('2020-07-01T09:00:00+08:00');
    api = await stack.startApi();
    ds = api.get(DataSource);
    await givenUser(ds, 'office', ['office']);
    await web.start(api);
    // Links in mail point at the pages this browser opens.
    worker = await stack.startWorker({ MAIL_RETRY_DELAY_MS: '200', PUBLIC_URL: web.base });
  }, 120_000);

  afterAll(async () => {
    await web.stop();
    await stack?.close();
  });

  afterEach(() => {
    expect(web.pageErrors).toEqual([]);
    expect(web.external).toEqual([]);
  });

  it('previews an uploaded Word file as it previews the pasted text, and refuses a wrong type or a too large file with a clear message', async () => {
    const { context, page } = await web.open();
    try {
      await web.signIn(page, 'office');
      await page.goto(`${web.base}/office/import`);
      await page.getByRole('heading', { name: '导入文件' }).waitFor();
      // The pasted text first.
      await page.getByLabel('文件全文').fill(readFileSync(TXT, 'utf8'));
      await page.getByRole('button', { name: '预览提取结果' }).click();
      await page.getByRole('heading', { name: '提取结果' }).waitFor();
      const pasted = await page.locator('dl.facts').innerText();
      expect(pasted).toContain(TITLE);

      await page.getByLabel('上传文件').setInputFiles({
        name: 'notes.xlsx',
        mimeType: 'application/vnd.ms-excel',
        buffer: Buffer.from('not a document'),
      });
      await page.getByText('不能导入“notes.xlsx”：只支持 .txt、.docx、.doc、.pdf 文件').waitFor();
      await page.getByLabel('上传文件').setInputFiles({
        name: 'huge.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.alloc(5 * 1024 * 1024 + 1, 0x20),
      });
      await page.getByText('“huge.pdf”过大（5.0 MB），上限为 5.0 MB').waitFor();

      await page.getByLabel('上传文件').setInputFiles(DOCX);
      await page.getByText(/已选择 2012-guangzhou-talent-gathering-opinions\.docx/).waitFor();
      expect(await page.getByLabel('文件全文').isVisible()).toBe(false);
      await page.getByRole('button', { name: '预览提取结果' }).click();
      await page.getByRole('heading', { name: '提取结果' }).waitFor();
      await page.getByText('羊城企业家培养项目').first().waitFor();
      expect(await page.locator('dl.facts').innerText()).toBe(pasted);
      await web.shot(page, 'office-import-docx-preview');
    } finally {
      await context.close();
    }
  });

  it('imports the Word file, invites one unit by mail and creates an account for another, in place', async () => {
    const { context, page } = await web.open();
    try {
      await web.signIn(page, 'office');
      await page.goto(`${web.base}/office/import`);
      await page.getByLabel('上传文件').setInputFiles(DOCX);
      await page.getByRole('button', { name: '预览提取结果' }).click();
      await page.getByRole('button', { name: '确认导入' }).click();
      await page.getByRole('heading', { name: '导入完成' }).waitFor();
      const [doc] = await ds.query(`SELECT id FROM policy_documents WHERE title = $1`, [TITLE]);
      documentId = doc.id;
      // The import result lists the new units, none with an account.
      const card = page.locator('section.unit-accounts');
      await card.getByText(/个责任单位中有 \d+ 个还没有可用账号/).waitFor();
      await card.getByRole('button', { name: '邮件邀请市委组织部开通账号' }).click();
      await page.getByLabel('收件邮箱').fill('zzb@example.gov.cn');
      await page.locator('dialog').getByRole('button', { name: '发送邀请' }).click();
      await card
        .getByRole('row', { name: /市委组织部/ })
        .getByText(/已邀请，待开通/)
        .waitFor();

      // The document page offers the same, and creates an account at once.
      await page.goto(`${web.base}/office/documents/${documentId}`);
      const onPage = page.locator('section.unit-accounts');
      await onPage
        .getByRole('row', { name: /市委组织部/ })
        .getByText(/已邀请，待开通/)
        .waitFor();
      await onPage.getByRole('button', { name: '为市国资委创建账号' }).click();
      await page.getByLabel('用户名').fill('gz-gzw');
      await page.getByLabel('初始密码（至少8位）').fill('Guangzhou-2012-talent');
      await page.locator('dialog').getByRole('button', { name: '创建账号' }).click();
      // The unit leaves the list of those without an account, into the folded list of those with one.
      await onPage.getByText(/^已有账号的单位（\d+）$/).click();
      await onPage
        .getByRole('row', { name: /市国资委/ })
        .getByText('已有账号（1）')
        .waitFor();
      expect(await onPage.getByRole('button', { name: '为市国资委创建账号' }).count()).toBe(0);
      await web.shot(page, 'office-document-unit-accounts');
    } finally {
      await context.close();
    }
    expect(
      (
        await http()
          .post('/api/auth/login')
          .send({ username: 'gz-gzw', password: 'Guangzhou-2012-talent' })
      ).status,
    ).toBe(200);
  });

  it('lets the invitee follow the mailed link, choose a password and land on the unit’s tasks; every link in the mail answers 200', async () => {
    expect(worker).toBeDefined();
    await drain();
    const [mail] = stack.smtp.to('zzb@example.gov.cn');
    expect(mail.subject).toBe('邀请开通账号：市委组织部（督查督办系统）');
    const links = linksIn(mail);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(link.startsWith(`${web.base}/account/welcome?`)).toBe(true);
      const res = await fetch(link, { headers: { Accept: 'text/html' } });
      expect(res.status).toBe(200);
    }

    const { context, page } = await web.open();
    try {
      await page.goto(links[0]);
      await page.getByRole('heading', { name: '开通单位账号' }).waitFor();
      await page.getByText('您受邀开通市委组织部在督查督办系统中的账号').waitFor();
      await page.getByText(`相关文件：《${TITLE}》`).waitFor();
      await page.getByLabel('用户名').fill('gz-zzb');
      await page.getByLabel('新密码', { exact: true }).fill('Guangzhou-zzb-2012');
      await page.getByLabel('再次输入新密码').fill('Guangzhou-zzb-2012');
      await page.getByRole('button', { name: '开通账号并登录' }).click();
      await page.getByRole('heading', { name: '我的任务' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/tasks');
      await page.getByText('羊城企业家培养项目').first().waitFor();
      await page.getByRole('button', { name: '退出登录' }).waitFor();

      // The link works once: opened again, it says so in Chinese.
      const { page: again } = await web.open();
      await again.goto(links[0]);
      await again.getByRole('heading', { name: '邀请链接不可用' }).waitFor();
      await again.getByText('该邀请已使用过，请直接登录').waitFor();
    } finally {
      await context.close();
    }
    const [account] = await ds.query(
      `SELECT u.roles, un.name FROM users u JOIN units un ON un.id = u.unit_id WHERE u.username = 'gz-zzb'`,
    );
    expect(account).toEqual({ roles: ['agency'], name: '市委组织部' });
  });

  it('says a document without units has none, and nothing else, on its accounts card', async () => {
    const seed = '2015-guofa-28-made-in-china-2025.txt';
    const imported = await http()
      .post('/api/documents')
      .set((await loginAs(api, 'office')).auth)
      .send({
        fileName: seed,
        text: readFileSync(path.resolve(__dirname, '../../seeds', seed), 'utf8'),
      })
      .expect(201);
    const { context, page } = await web.open();
    try {
      await web.signIn(page, 'office');
      await page.goto(`${web.base}/office/documents/${imported.body.documentId}`);
      const card = page.locator('section.unit-accounts');
      await card.getByText('该文件还没有责任单位。').waitFor();
      const text = await card.innerText();
      expect(text).not.toContain('null');
      expect(text).not.toContain('每个责任单位都已有可用账号');
    } finally {
      await context.close();
    }
  });
});
