import { INestApplication } from '@nestjs/common';
import { BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { givenUnit, givenUser, TEST_PASSWORD } from '../support/builders';
import { createStack, TestStack } from '../support/harness';
import { WebRunner } from '../support/web-fixtures';

/**
 * Sessions and accounts in a real browser: the session survives a new tab and a reload (the
 * refresh cookie) and sign-out ends it in every tab; the admin's account pages; everyone's own
 * password page.
 */
describe('web: sessions, the admin area and one’s own password', () => {
  const web = new WebRunner();
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  const http = () => request(api.getHttpServer());
  const canSignIn = async (username: string, password: string) =>
    (await http().post('/api/auth/login').send({ username, password })).status === 200;

  beforeAll(async () => {
    stack = await createStack('2020-07-01T09:00:00+08:00');
    api = await stack.startApi({ LOGIN_RATE_LIMIT: '100' });
    ds = api.get(DataSource);
    const unit = await givenUnit(ds, '自治区商务厅');
    await givenUnit(ds, '自治区财政厅');
    await givenUser(ds, 'office', ['office']);
    await givenUser(ds, 'admin', ['admin']);
    await givenUser(ds, 'gx-swt', ['agency'], unit.id);
    await givenUser(ds, 'gx-swt-wang', ['agency'], unit.id);
    await givenUser(ds, 'leader', ['leader']);
    await web.start(api);
  }, 120_000);

  afterAll(async () => {
    await web.stop();
    await stack?.close();
  });

  afterEach(() => {
    expect(web.pageErrors).toEqual([]);
    expect(web.external).toEqual([]);
  });

  it('stays signed in in a second tab and after a reload, keeps no token where scripts can read it, and signs out of both tabs at once', async () => {
    const { context, page } = await web.open();
    try {
      await web.signIn(page, 'office');
      const second = await context.newPage();
      second.on('pageerror', (err) => web.pageErrors.push(String(err)));
      await second.goto(`${web.base}/office/cycles`);
      await second.getByRole('button', { name: '退出登录' }).waitFor();
      await second.getByRole('heading', { name: '报送周期' }).waitFor();

      await page.reload();
      await page.getByRole('button', { name: '退出登录' }).waitFor();

      const stored = await page.evaluate<string>(
        'JSON.stringify({ s: { ...sessionStorage }, l: { ...localStorage }, c: document.cookie })',
      );
      expect(stored).not.toMatch(/eyJ|tracker_refresh|refresh/i);
      const cookies = await context.cookies();
      const refresh = cookies.find((c) => c.name === 'tracker_refresh');
      expect(refresh).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth' });

      await page.getByRole('button', { name: '退出登录' }).click();
      await page.getByRole('button', { name: '登录' }).waitFor();
      // The other tab hears of it and shows the sign-in page; a reload does not bring the session back.
      await second.getByRole('button', { name: '登录' }).waitFor();
      await second.reload();
      await second.getByRole('button', { name: '登录' }).waitFor();
      expect((await context.cookies()).find((c) => c.name === 'tracker_refresh')).toBeUndefined();
    } finally {
      await context.close();
    }
  });

  it('asks the server to resume a session only when this browser signed in: a first visit and a visit after signing out make no refresh call', async () => {
    const { context, page } = await web.open();
    try {
      const refreshes: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/auth/refresh')) refreshes.push(r.url());
      });
      await page.goto(`${web.base}/`);
      await page.getByRole('button', { name: '登录' }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(refreshes).toEqual([]);

      await web.signIn(page, 'office');
      await page.reload();
      await page.getByRole('button', { name: '退出登录' }).waitFor();
      expect(refreshes).toHaveLength(1); // the reload resumed the session through the cookie

      await page.getByRole('button', { name: '退出登录' }).click();
      await page.getByRole('button', { name: '登录' }).waitFor();
      await page.reload();
      await page.getByRole('button', { name: '登录' }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(refreshes).toHaveLength(1);
    } finally {
      await context.close();
    }
  });

  describe('the admin area', () => {
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      ({ context, page } = await web.open());
      await web.signIn(page, 'admin');
    });
    afterAll(() => context.close());

    it('lands the admin on the account list, with accounts and units in the navigation', async () => {
      await page.getByRole('heading', { name: '账号管理' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/admin/accounts');
      const nav = page.getByRole('navigation', { name: '主导航' });
      await expect(nav.getByRole('link').allTextContents()).resolves.toEqual([
        '账号管理',
        '单位名录',
        '我的通知',
        '修改密码',
      ]);
      await page.locator('tr[data-username="gx-swt"]').waitFor();
    });

    it('filters the list by unit and by text', async () => {
      await page.getByLabel('所属单位').selectOption({ label: '自治区商务厅' });
      await page.getByRole('button', { name: '筛选' }).click();
      await page.getByText('第 1–2 条，共 2 条').waitFor();
      await page.getByLabel('搜索').fill('wang');
      await page.getByRole('button', { name: '筛选' }).click();
      await page.getByText('第 1–1 条，共 1 条').waitFor();
      await expect(page.locator('tbody tr').count()).resolves.toBe(1);
      await page
        .getByRole('navigation', { name: '主导航' })
        .getByRole('link', { name: '账号管理' })
        .click();
      await page.getByText('共 5 条').waitFor();
    });

    it('creates an agency account that can sign in', async () => {
      await page.getByRole('button', { name: '新建账号' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('用户名').fill('gx-czt-li');
      await dialog.getByLabel('姓名或名称').fill('李四（财政厅）');
      await dialog.getByLabel('邮箱').fill('li@example.gov.cn');
      await dialog.getByLabel('所属单位').selectOption({ label: '自治区财政厅' });
      await dialog.getByLabel('初始密码（至少8位）').fill('Caizheng-2020-plan');
      await web.shot(page, 'admin-create-account', false);
      await dialog.getByRole('button', { name: '新建账号' }).click();
      await page.getByText('已创建账号 gx-czt-li').waitFor();
      await page.locator('tr[data-username="gx-czt-li"]', { hasText: '自治区财政厅' }).waitFor();
      expect(await canSignIn('gx-czt-li', 'Caizheng-2020-plan')).toBe(true);
    });

    it('shows why a weak password is refused', async () => {
      await page.getByRole('button', { name: '新建账号' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('用户名').fill('weak-one');
      await dialog.getByLabel('姓名或名称').fill('弱密码');
      await dialog.getByLabel('所属单位').selectOption({ label: '自治区财政厅' });
      await dialog.getByLabel('初始密码（至少8位）').fill('password1');
      await dialog.getByRole('button', { name: '新建账号' }).click();
      await page.getByText('密码强度不足').first().waitFor();
      expect(await canSignIn('weak-one', 'password1')).toBe(false);
    });

    it('disables an account (it can no longer sign in) and enables it again', async () => {
      const row = page.locator('tr[data-username="gx-swt-wang"]');
      await row.getByRole('button', { name: '停用 gx-swt-wang' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '停用' }).click();
      await page.getByText('已停用账号 gx-swt-wang').waitFor();
      await page.locator('tr[data-username="gx-swt-wang"]', { hasText: '已停用' }).waitFor();
      expect(await canSignIn('gx-swt-wang', TEST_PASSWORD)).toBe(false);
      await page
        .locator('tr[data-username="gx-swt-wang"]')
        .getByRole('button', { name: '启用 gx-swt-wang' })
        .click();
      await page.getByText('已启用账号 gx-swt-wang').waitFor();
      expect(await canSignIn('gx-swt-wang', TEST_PASSWORD)).toBe(true);
    });

    it('changes an account’s roles', async () => {
      await page
        .locator('tr[data-username="leader"]')
        .getByRole('button', { name: '修改账号 leader' })
        .click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('办公室', { exact: true }).check();
      await dialog.getByRole('button', { name: '保存' }).click();
      await page.getByText('已保存账号 leader').waitFor();
      await page.locator('tr[data-username="leader"]', { hasText: '办公室' }).waitFor();
      const [row] = await ds.query(`SELECT roles FROM users WHERE username = 'leader'`);
      expect([...row.roles].sort()).toEqual(['leader', 'office']);
    });

    it('resets a password: the old one stops working, the new one works', async () => {
      await page
        .locator('tr[data-username="gx-swt"]')
        .getByRole('button', { name: '重置 gx-swt 的密码' })
        .click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('新密码（至少8位）').fill('Shangwu-new-passphrase');
      await dialog.getByRole('button', { name: '重置密码' }).click();
      await page.getByText('已重置 gx-swt 的密码').waitFor();
      expect(await canSignIn('gx-swt', TEST_PASSWORD)).toBe(false);
      expect(await canSignIn('gx-swt', 'Shangwu-new-passphrase')).toBe(true);
    });

    it('lists the units, each linking to its accounts', async () => {
      await page
        .getByRole('navigation', { name: '主导航' })
        .getByRole('link', { name: '单位名录' })
        .click();
      await page.getByRole('heading', { name: '单位名录' }).waitFor();
      // A reload of an admin page is served the page, not a 404.
      await page.reload();
      await page.getByRole('link', { name: '自治区财政厅' }).click();
      await page.locator('tr[data-username="gx-czt-li"]').waitFor();
      await web.shot(page, 'admin-accounts');
    });
  });

  it('lets a user change their own password; the old one stops working', async () => {
    const { context, page } = await web.open();
    try {
      await web.signIn(page, 'office');
      await page
        .getByRole('navigation', { name: '主导航' })
        .getByRole('link', { name: '修改密码' })
        .click();
      await page.getByRole('heading', { name: '修改密码' }).waitFor();
      await page.getByLabel('当前密码').fill('not the password');
      await page.getByLabel('新密码', { exact: true }).fill('Office-quarterly-2020');
      await page.getByLabel('再次输入新密码').fill('Office-quarterly-2020');
      await page.getByRole('button', { name: '修改密码' }).click();
      await page.getByRole('alert').getByText('当前密码不正确').waitFor();

      await page.getByLabel('当前密码').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: '修改密码' }).click();
      await page.getByRole('status').getByText('密码已修改').first().waitFor();
      expect(await canSignIn('office', TEST_PASSWORD)).toBe(false);
      expect(await canSignIn('office', 'Office-quarterly-2020')).toBe(true);
      // This tab stays signed in.
      await page.reload();
      await page.getByRole('button', { name: '退出登录' }).waitFor();
    } finally {
      await context.close();
    }
  });
});
