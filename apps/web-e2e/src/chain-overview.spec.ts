import { expect, test } from '@playwright/test';
import { signIn } from './support';

const CHAINS = ['清洁能源产业链', '盐湖化工产业链', '金属冶金产业链', '油气能源化工产业链', '陆港物流产业链', '文化旅游产业链', '特色农牧产业链'];

test('the chain overview shows the seven chains in Chinese', async ({ page }) => {
  await signIn(page, '/chains');
  for (const name of CHAINS) {
    await expect(page.getByText(name, { exact: true }).first()).toBeVisible();
  }
  await expect(page.getByText('赵冬').first()).toBeVisible();
  await expect(page.getByText('中国华电集团有限公司格尔木分公司').first()).toBeVisible();
});
