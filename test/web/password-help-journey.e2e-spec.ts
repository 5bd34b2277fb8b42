import { INestApplication } from '@nestjs/common';
import { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { givenUnit, givenUser, TEST_PASSWORD } from '../support/builders';
import { drainQueues } from '../support/drain';
import { createStack, TestStack } from '../support/harness';
import { ReceivedMail, SmtpSink } from '../support/smtp-sink';
import { WebRunner } from '../support/web-fixtures';

const NEW_PASSWORD = 'Shangwuting-2020-reset';

/**
 * A forgotten password, walked from the mail it sends: the user asks on the sign-in page, the
 * admin follows the 【找回密码】 mail to the accounts page (signing in on the way), finds the
 * account highlighted and resets it; the user's 【密码已重置】 mail carries no password, and the
 * user signs in with the new one. Every link of every mail opens for its recipient.
 */
describe('journey: forgot password, from the sign-in page to the admin and back by mail', () => {
  const sink = new SmtpSink();
  const web = new WebRunner();
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  const passwordOf = new Map<string, string>([
    ['gx-swt-h', TEST_PASSWORD],
    ['admin-h', TEST_PASSWORD],
  ]);

  const drain = async (): Promise<void> => {
    await drainQueues({ queuePrefix: stack.queuePrefix, now: () => stack.clock.now() });
    await sink.settle();
  };
  const mailTo = (username: string): ReceivedMail[] => sink.to(`${username}@example.gov.cn`);
  const linksIn = (m: ReceivedMail): string[] =>
    [...new Set(m.text.match(/https?:\/\/[^\s)）"'<>]+/g) ?? [])].filter((u) =>
      u.startsWith(web.base),
    );

  beforeAll(async () => {
    await sink.start();
    stack = await createStack('2020-07-06T09:00:00+08:00');
    api = await stack.startApi();
    await web.start(api);
    ds = api.get(DataSource);
    const unit = await givenUnit(ds, '自治区商务厅');
    await givenUser(ds, 'gx-swt-h', ['agency'], unit.id);
    await givenUser(ds, 'admin-h', ['admin']);
    await stack.startWorker({ ...sink.env(), MAIL_RETRY_DELAY_MS: '200', PUBLIC_URL: web.base });
  }, 120_000);

  afterAll(async () => {
    await web.stop();
    await stack?.close();
    await sink.stop();
  });

  async function signInHere(page: Page, username: string, password: string): Promise<void> {
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    await page.locator('main h1').first().waitFor();
  }

  it('lets the user ask for help on the sign-in page', async () => {
    const { page } = await web.open();
    await page.goto(`${web.base}/`);
    await page.getByLabel('用户名').fill('gx-swt-h');
    await page.getByRole('button', { name: '忘记密码' }).click();
    const dialog = page.getByRole('dialog');
    // The username typed for signing in is carried over.
    expect(await dialog.getByLabel('用户名').inputValue()).toBe('gx-swt-h');
    await dialog.getByLabel(/说明/).fill('商务厅联络员王五，电话0771-7654321');
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await page.getByText('如该账号存在且可用，系统管理员已收到您的申请').waitFor();
    await page.context().close();
    await drain();
  });

  it('lets the admin follow the mail, sign in, find the account highlighted and reset its password', async () => {
    const mails = mailTo('admin-h').filter((m) => m.subject.startsWith('【找回密码】'));
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain('自治区商务厅');
    expect(mails[0].text).toContain('商务厅联络员王五');
    const link = linksIn(mails[0]).find((u) => u.includes('/admin/accounts?focus=gx-swt-h'));
    expect(link).toBeDefined();

    const { page } = await web.open();
    await page.goto(link as string);
    // Not signed in: the sign-in page first, then the page the link asked for, query and all.
    await signInHere(page, 'admin-h', TEST_PASSWORD);
    await page.getByRole('heading', { name: '账号管理' }).waitFor();
    expect(new URL(page.url()).search).toBe('?focus=gx-swt-h');
    const row = page.locator('tr.focused');
    await row.waitFor();
    expect(await row.getAttribute('data-username')).toBe('gx-swt-h');
    expect(await row.getAttribute('aria-current')).toBe('true');
    await page.getByText('账号 gx-swt-h 申请找回密码').waitFor();
    const reset = row.getByRole('button', { name: '重置 gx-swt-h 的密码' });
    // The reset is the action the page offers first.
    expect(await page.evaluate(`document.activeElement.getAttribute('aria-label')`)).toBe(
      '重置 gx-swt-h 的密码',
    );
    await reset.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('新密码').fill(NEW_PASSWORD);
    await dialog.getByRole('button', { name: '重置密码' }).click();
    await page.getByText('已重置 gx-swt-h 的密码').first().waitFor();
    await page.context().close();
    passwordOf.set('gx-swt-h', NEW_PASSWORD);
    await drain();
  });

  it('tells the user by mail, without the password, and the user signs in with the new one', async () => {
    const mails = mailTo('gx-swt-h').filter((m) => m.subject.startsWith('【密码已重置】'));
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain('本邮件发送至该账号登记的邮箱 gx-swt-h@example.gov.cn');
    expect(mails[0].text).not.toContain(NEW_PASSWORD);
    expect(mails[0].html).not.toContain(NEW_PASSWORD);

    const { page } = await web.open();
    await page.goto(`${web.base}/`);
    await signInHere(page, 'gx-swt-h', NEW_PASSWORD);
    await page.getByRole('heading', { name: '我的任务' }).waitFor();
    await page.context().close();
  });

  it('opens every link of every mail sent for its recipient, with no error page', async () => {
    const failures: string[] = [];
    for (const [user, password] of passwordOf) {
      const links = new Set(mailTo(user).flatMap(linksIn));
      expect([user, links.size > 0]).toEqual([user, true]);
      const { page } = await web.open();
      await web.signIn(page, user, password);
      for (const link of links) {
        const url = new URL(link);
        const res = await page.goto(link);
        if (res?.status() !== 200) failures.push(`${user} ${link} → HTTP ${res?.status()}`);
        await page.locator('main h1').first().waitFor();
        const heading = await page.locator('main h1').first().innerText();
        if (/出错了|无权访问|未找到/.test(heading) || new URL(page.url()).pathname !== url.pathname)
          failures.push(`${user} ${link} → ${heading} at ${page.url()}`);
      }
      await page.context().close();
    }
    expect(failures).toEqual([]);
    expect(web.pageErrors).toEqual([]);
    expect(web.external).toEqual([]);
  });
});
