import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { TEST_PASSWORD } from './builders';

export const SHOTS = path.resolve(__dirname, '../../test-artifacts/screenshots');
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export interface OpenOptions {
  width: number;
  height: number;
  isMobile?: boolean;
}

/**
 * The browser side of the web specs: Debian's chromium driven by playwright-core against an api
 * listening on a free loopback port. Every page it opens records requests to other hosts and
 * script errors, which a spec asserts are empty at the end.
 */
export class WebRunner {
  browser!: Browser;
  base = '';
  readonly external: string[] = [];
  readonly pageErrors: string[] = [];

  async start(api: INestApplication): Promise<void> {
    mkdirSync(SHOTS, { recursive: true });
    await api.listen(0, '127.0.0.1');
    this.base = `http://127.0.0.1:${(api.getHttpServer().address() as AddressInfo).port}`;
    this.browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }

  async stop(): Promise<void> {
    await this.browser?.close();
  }

  async open(
    opts: OpenOptions = { width: 1366, height: 900 },
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await this.browser.newContext({
      viewport: { width: opts.width, height: opts.height },
      isMobile: opts.isMobile ?? false,
      hasTouch: opts.isMobile ?? false,
      deviceScaleFactor: 1,
      acceptDownloads: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (['data:', 'blob:'].includes(url.protocol)) return;
      if (!LOOPBACK.has(url.hostname)) this.external.push(req.url());
    });
    page.on('pageerror', (err) => this.pageErrors.push(String(err)));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/status of (40[0-9])/.test(msg.text()))
        this.pageErrors.push(msg.text());
    });
    page.setDefaultTimeout(15_000);
    return { context, page };
  }

  async signIn(page: Page, username: string, password = TEST_PASSWORD): Promise<void> {
    await page.goto(`${this.base}/`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('button', { name: '退出登录' }).waitFor();
  }

  /** A screenshot in test-artifacts/screenshots, without the toast. */
  async shot(page: Page, name: string, fullPage = true): Promise<void> {
    await page.evaluate(`document.getElementById('toast').setAttribute('hidden', '')`);
    await page.waitForTimeout(100);
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
    await page.evaluate(`document.getElementById('toast').removeAttribute('hidden')`);
  }
}
