import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { field, openStudio } from './studio';

/** Item 7: labelled keyboard-driven controls, empty and error states, two window sizes, no foreign requests. */
const ARTIFACTS = process.env.E2E_ARTIFACTS ?? 'e2e/artifacts';
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, 'screenshots', `${name}.png`), fullPage: false });
const method = (page: Page) => page.getByRole('region', { name: 'Method' });

test.beforeAll(() => mkdirSync(path.join(ARTIFACTS, 'screenshots'), { recursive: true }));

/** Controls in the method, training, live-view and results panels that have no accessible name. */
function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const panels = ['method-heading', 'training-heading', 'live-heading', 'results-heading'].map((id) => document.getElementById(id)!.closest('section')!);
    const controls = panels.flatMap((p) => [...p.querySelectorAll<HTMLElement>('button, input, select, textarea')]);
    const named = (c: HTMLElement) =>
      Boolean(c.getAttribute('aria-label') || c.getAttribute('aria-labelledby') || ('labels' in c && (c as HTMLInputElement).labels?.length) || (c.tagName === 'BUTTON' && c.textContent?.trim()));
    return controls.filter((c) => !named(c)).map((c) => c.outerHTML.slice(0, 120));
  });
}

test('every control is labelled; views say what will appear; training runs from the keyboard', async ({ page }) => {
  test.setTimeout(180_000);
  const { errors } = await openStudio(page, '?backend=wasm');
  expect(await unlabelledControls(page)).toEqual([]);
  for (const chart of ['loss', 'accuracy', 'cohesion', 'confusion']) await expect(page.locator(`[data-chart="${chart}"] .chart-empty`)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Live views' })).toContainText('At each evaluation the probe images are embedded');

  // A bad value is marked where it is typed, and Start names it instead of sending it.
  await method(page).getByLabel('Batch size').fill('1');
  await expect(method(page).getByLabel('Batch size')).toHaveAttribute('aria-invalid', 'true');
  await expect(method(page).getByRole('alert')).toContainText('Batch size must be whole number 2 to 4096');
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByRole('region', { name: 'Training' }).getByRole('alert')).toHaveText('Check the settings: Batch size must be whole number 2 to 4096 (typed "1").');
  await method(page).getByLabel('Batch size').fill('64');
  await method(page).getByLabel('Transfer images').fill('320'); // 5 steps: fewer than 10 is flagged as unusual
  await expect(method(page).locator('[data-warning="transferLimit"]')).toBeVisible();
  await method(page).getByLabel('Transfer images').fill('1280'); // 20 steps
  await expect(method(page).locator('[data-warning="transferLimit"]')).toHaveCount(0);

  // Tab reaches Start; Enter presses it; then the shortcuts: P pause, N step once, X stop.
  let tabs = 0;
  while (!(await page.evaluate(() => document.activeElement?.textContent === 'Start training')) && tabs++ < 300) await page.keyboard.press('Tab');
  expect(tabs).toBeLessThan(300);
  await page.keyboard.press('Enter');
  await expect(field(page, 'training-state')).toHaveText('running', { timeout: 60_000 });
  // Start is disabled now; focus moved on to the next command, so the keyboard user is not stranded.
  await expect(page.getByRole('button', { name: 'Pause' })).toBeFocused();
  await page.keyboard.press('p');
  await expect(field(page, 'training-state')).toHaveText(/paused|complete/, { timeout: 60_000 });
  if ((await field(page, 'training-state').textContent()) === 'paused') {
    const before = await field(page, 'training-progress').textContent();
    await page.keyboard.press('n');
    await expect(field(page, 'training-progress')).not.toHaveText(before!);
  }
  await page.keyboard.press('x');
  await expect(field(page, 'training-state')).toHaveText('stopped', { timeout: 60_000 });
  expect(errors).toEqual([]);
});

test('a shared link opens the studio with its config; a broken one says why', async ({ page }) => {
  const config = encodeURIComponent(JSON.stringify({ preset: 'kd', seed: 7, teachers: ['mnist-0-3', 'mnist-6-9'] }));
  await openStudio(page, `?backend=wasm#config=${config}`);
  await expect(method(page).getByLabel('Preset')).toHaveValue('kd');
  await expect(method(page).getByLabel('Seed')).toHaveValue('7');
  await expect(page.locator('[data-field="method-teachers"]')).toHaveText('mnist-0-3, mnist-6-9');
  await expect(page.locator('li[data-teacher="mnist-0-3"]').getByRole('checkbox', { name: /^Pick/ })).toBeChecked();

  await openStudio(page, `?backend=wasm#config=${encodeURIComponent('{"tau":99}')}`);
  await expect(method(page).getByRole('alert').first()).toContainText("The link's config was not used: config.tau must be a number in [0.01, 10]");
  await expect(method(page).getByLabel('Seed')).toHaveValue('7'); // the config from before is kept
});

for (const [name, width, height] of [
  ['wide-1280x800', 1280, 800],
  ['narrow-390x844', 390, 844],
] as const) {
  test(`fits a ${width}x${height} window without sideways scrolling`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await openStudio(page, '?backend=wasm');
    await shot(page, `layout-${name}`);
    // The elements that stick out, named, so a failure says what to fix.
    const sticking = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('body *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className} right=${Math.round(el.getBoundingClientRect().right)}`),
    );
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, sticking.join('\n')).toBeLessThanOrEqual(0);
    await expect(page.getByRole('button', { name: 'Start training' })).toBeVisible();
    const start = await page.getByRole('button', { name: 'Start training' }).boundingBox();
    expect(start!.x + start!.width).toBeLessThanOrEqual(width);
    // Past the teacher cards in one press: the jump links bring each run panel into view.
    await page.getByRole('navigation', { name: 'Jump to' }).getByRole('button', { name: 'Live views' }).click();
    await expect(page.getByRole('heading', { name: 'Live views' })).toBeInViewport();
    await shot(page, `layout-${name}-live-views`);
  });
}

test('the backend in use is shown with its reason, and another one is a reload away', async ({ page }) => {
  await openStudio(page, '?backend=wasm#config=%7B%22seed%22%3A4%7D');
  await expect(page.getByRole('status')).toHaveText('worker ready: backend wasm (requested)');
  const worker = page.getByRole('region', { name: 'Training worker' });
  await expect(worker.getByRole('button', { name: 'Reload on wasm' })).toBeDisabled(); // already on it
  await worker.getByLabel('Backend').selectOption('cpu');
  await worker.getByRole('button', { name: 'Reload on cpu' }).click();
  await expect(page.getByRole('status')).toHaveText('worker ready: backend cpu (requested)', { timeout: 45_000 });
  expect(new URL(page.url()).searchParams.get('backend')).toBe('cpu');
  await expect(method(page).getByLabel('Seed')).toHaveValue('4'); // the shared config survives the switch
});
