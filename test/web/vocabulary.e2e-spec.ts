import { INestApplication } from '@nestjs/common';
import { CyclesService } from '@tracker/services';
import { DataSource } from 'typeorm';
import { createStack, TestStack } from '../support/harness';
import { givenUser } from '../support/builders';
import {
  givenAssignment,
  givenDocument,
  givenTask,
  givenUnit,
} from '../support/supervision-fixtures';
import { WebRunner } from '../support/web-fixtures';

/**
 * The pages use the vocabulary the server serves (GET /api/web/vocabulary, the domain's one
 * tables): periods read in its words, in Chinese and in English, and the profile editor offers and
 * keeps its cadences (a yearly document opens as yearly).
 */
describe('web: the served vocabulary', () => {
  const web = new WebRunner();
  let stack: TestStack;
  let api: INestApplication;
  let ds: DataSource;
  const docs: Record<'quarterly' | 'yearly', string> = { quarterly: '', yearly: '' };

  beforeAll(async () => {
    stack = await createStack('2020-07-01T09:00:00+08:00');
    api = await stack.startApi();
    ds = api.get(DataSource);
    const unit = await givenUnit(ds, '甲厅');
    await givenUser(ds, 'office1', ['office']);
    const quarterly = await givenDocument(ds, { title: '季度文件' });
    const yearly = await givenDocument(ds, { title: '年度文件', profile: { cadence: 'yearly' } });
    Object.assign(docs, { quarterly, yearly });
    for (const doc of [quarterly, yearly])
      await givenAssignment(
        ds,
        await givenTask(ds, doc),
        unit,
        'lead',
        new Date('2020-07-01T09:00:00+08:00'),
      );
    const cycles = api.get(CyclesService);
    await cycles.open(null, quarterly, '2020-Q3');
    await cycles.open(null, yearly, '2020-Y');
    await web.start(api);
  }, 120_000);

  afterAll(async () => {
    await web.stop();
    await stack?.close();
  });

  it('names each cycle by its period in Chinese, and in English after the switch', async () => {
    const { context, page } = await web.open();
    await web.signIn(page, 'office1');
    await page.goto(`${web.base}/office/cycles`);
    await page.getByRole('cell', { name: /2020年第三季度/ }).waitFor();
    await page.getByRole('cell', { name: /2020年度/ }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('cell', { name: /the third quarter of 2020/ }).waitFor();
    await page.getByRole('cell', { name: /the year 2020/ }).waitFor();
    await context.close();
  });

  it('opens a yearly document as yearly in the profile editor, and saves yearly for another', async () => {
    const { context, page } = await web.open();
    await web.signIn(page, 'office1');
    await page.goto(`${web.base}/office/documents/${docs.yearly}`);
    await page.getByRole('button', { name: '保存督办规则' }).waitFor();
    expect(await page.getByLabel('报送周期').inputValue()).toBe('yearly');
    await page.goto(`${web.base}/office/documents/${docs.quarterly}`);
    await page.getByRole('button', { name: '保存督办规则' }).waitFor();
    expect(await page.getByLabel('报送周期').inputValue()).toBe('quarterly');
    await page.getByLabel('报送周期').selectOption({ label: '每年' });
    await page.getByRole('button', { name: '保存督办规则' }).click();
    await page.getByText('督办规则已保存').waitFor();
    const [doc] = await ds.query(
      `SELECT supervision_profile AS p FROM policy_documents WHERE id = $1`,
      [docs.quarterly],
    );
    expect(doc.p).toMatchObject({ cadence: 'yearly' });
    await context.close();
  });

  it('uses the labels it is served, not a copy of its own', async () => {
    const { context, page } = await web.open();
    // The same vocabulary with one label changed: the page must show the changed one.
    await page.route('**/api/web/vocabulary', async (route) => {
      const served = await (await route.fetch()).json();
      served.periodLabels.Q3 = { zh: '{year}年秋季', en: 'autumn {year}' };
      served.cadenceNames.yearly = { zh: '每一年', en: 'Every year' };
      await route.fulfill({ json: served });
    });
    await web.signIn(page, 'office1');
    await page.goto(`${web.base}/office/cycles`);
    await page.getByRole('cell', { name: /2020年秋季/ }).waitFor();
    expect(await page.getByRole('cell', { name: /2020年第三季度/ }).count()).toBe(0);
    await page.getByRole('cell', { name: /2020年度/ }).waitFor();
    await page.goto(`${web.base}/office/documents/${docs.yearly}`);
    await page.getByRole('button', { name: '保存督办规则' }).waitFor();
    expect(await page.getByLabel('报送周期').locator('option:checked').textContent()).toBe(
      '每一年',
    );
    await context.close();
    expect(web.pageErrors).toEqual([]);
    expect(web.external).toEqual([]);
  });
});
