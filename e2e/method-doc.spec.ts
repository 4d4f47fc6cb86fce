import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openStudio } from './studio';

/** The method panel's help link opens docs/method.md from the build itself (no network, no repository), as UTF-8 text. */
test('the method panel links to docs/method.md, served by the studio and shown as text', async ({ page }) => {
  const { errors } = await openStudio(page);
  const link = page.getByRole('region', { name: 'Method' }).getByRole('link', { name: 'How the method works' });
  await expect(link).toBeVisible();

  const popupOpened = page.waitForEvent('popup');
  await link.click();
  const doc = await popupOpened;
  await doc.waitForLoadState();
  const expected = readFileSync(new URL('../docs/method.md', import.meta.url), 'utf8');
  expect(new URL(doc.url()).origin).toBe(new URL(page.url()).origin);
  await expect(doc.locator('body')).toContainText('# How the method works');
  expect((await doc.locator('body').innerText()).trimEnd()).toBe(expected.trimEnd()); // UTF-8 intact
  expect(errors).toEqual([]);
});
