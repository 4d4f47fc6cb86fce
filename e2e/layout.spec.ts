import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { field, openStudio } from './studio';

/**
 * Issue 14, "first use": the studio works on one screen. At 1280 × 800 the Start button, the
 * loss chart and the picked teachers are inside the first viewport without scrolling (and stay
 * there while a run trains); the header keeps its height when the worker becomes ready. At
 * 390 × 844 no chart sticks out of the viewport's width (the confusion matrix included).
 */
const ARTIFACTS = process.env.E2E_ARTIFACTS ?? 'e2e/artifacts';
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, 'screenshots', `${name}.png`) });
const method = (page: Page) => page.getByRole('region', { name: 'Method' });
const pickedTeachers = (page: Page) => page.getByRole('list', { name: 'Shipped teachers' }).locator('li[data-teacher]').filter({ has: page.locator('input[type="checkbox"]:checked') });

test.beforeAll(() => mkdirSync(path.join(ARTIFACTS, 'screenshots'), { recursive: true }));

/** The parts of `box` outside the window, in words; empty when it is wholly inside. */
async function outside(locator: Locator, width: number, height: number): Promise<string[]> {
  const box = await locator.boundingBox();
  if (!box) return ['not laid out'];
  const problems: string[] = [];
  if (box.x < -0.5) problems.push(`left ${Math.round(box.x)}`);
  if (box.y < -0.5) problems.push(`top ${Math.round(box.y)}`);
  if (box.x + box.width > width + 0.5) problems.push(`right ${Math.round(box.x + box.width)} > ${width}`);
  if (box.y + box.height > height + 0.5) problems.push(`bottom ${Math.round(box.y + box.height)} > ${height}`);
  return problems;
}

/**
 * The controls and the loss chart (and, on first sight, every picked teacher) each wholly inside
 * the window, the page not scrolled. While training the set-up column may have been scrolled to
 * the method fields, so the teachers are checked only on first sight.
 */
async function expectInView(page: Page, controls: Locator, teachers: boolean): Promise<void> {
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  const report: Record<string, string[]> = {
    controls: await outside(controls, 1280, 800),
    'loss chart': await outside(page.locator('[data-chart="loss"]'), 1280, 800),
  };
  if (teachers) {
    const picked = await pickedTeachers(page).all();
    expect(picked.length).toBeGreaterThanOrEqual(2);
    for (const item of picked) report[`teacher ${await item.getAttribute('data-teacher')}`] = await outside(item, 1280, 800);
  }
  expect(report).toEqual(Object.fromEntries(Object.keys(report).map((k) => [k, []])));
}

test('at 1280x800 Start, the loss chart and the picked teachers are in the first viewport, before and while training', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/?backend=wasm');
  const header = page.locator('header').first();
  await expect(header).toBeVisible();
  const headerBefore = (await header.boundingBox())!.height;
  const { errors } = await openStudio(page, '?backend=wasm');
  // The header keeps its height when the worker's status arrives (it grew ~94 px on main).
  const headerAfter = (await header.boundingBox())!.height;
  expect.soft(Math.abs(headerAfter - headerBefore), `header ${headerBefore} px before the worker was ready, ${headerAfter} px after`).toBeLessThanOrEqual(2);

  const start = page.getByRole('button', { name: 'Start training' });
  await expectInView(page, start, true);
  await shot(page, 'layout-first-viewport-1280x800');
  // The README tour's first picture: what a newcomer sees on opening the studio.
  mkdirSync('docs/screenshots', { recursive: true });
  await page.screenshot({ path: 'docs/screenshots/first-view.png' });

  // While a short run trains the controls and the live loss chart stay where they were.
  await method(page).getByLabel('Transfer images').fill('1280'); // 20 steps
  await page.getByLabel('Evaluate every').fill('10');
  await start.click();
  await expect(field(page, 'training-state')).toHaveText(/running|complete/, { timeout: 60_000 });
  await expect(page.locator('[data-chart="loss"] path.recharts-line-curve').first()).toBeVisible({ timeout: 60_000 });
  await expectInView(page, page.getByRole('group', { name: 'Training controls' }), false);
  await shot(page, 'layout-training-1280x800');
  await expect(field(page, 'training-state')).toHaveText('complete', { timeout: 120_000 });
  expect(errors).toEqual([]);
});

/** Every chart (its card and what draws it: svg, canvas, table) whose box leaves the window's width. */
function chartsCut(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const parts = [...document.querySelectorAll<HTMLElement>('[data-chart]')].flatMap((card) => [card, ...card.querySelectorAll<HTMLElement>('svg.recharts-surface, canvas, table')]);
    return parts
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.left < -0.5 || box.right > window.innerWidth + 0.5))
      .map(({ el, box }) => `${el.closest('[data-chart]')!.getAttribute('data-chart')} ${el.tagName.toLowerCase()}: ${Math.round(box.left)}..${Math.round(box.right)} of ${window.innerWidth}`);
  });
}

test('at 390x844 no chart is cut: every chart, the confusion matrix too, fits the width', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 390, height: 844 });
  const { errors } = await openStudio(page, '?backend=wasm');
  await method(page).getByLabel('Transfer images').fill('640'); // 10 steps
  await page.getByLabel('Evaluate every').fill('5');
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(field(page, 'training-state')).toHaveText('complete', { timeout: 120_000 });
  await expect(page.locator('table.confusion tbody tr')).toHaveCount(10);
  await expect(page.locator('[data-chart="embedding-student"] canvas')).toBeVisible();
  // A trained student's matrix has up to 4-digit counts (1,135 test 1s) in every column: fill
  // every cell so, as the widest the table gets, not the few digits of a 10-step student.
  await page.locator('table.confusion td').evaluateAll((cells) => cells.forEach((td) => (td.textContent = '1135')));
  await page.locator('[data-chart="confusion"]').scrollIntoViewIfNeeded();
  await shot(page, 'layout-phone-390x844-confusion');
  expect(await chartsCut(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test('the teacher list: picked first, ticking keeps every row in place, search narrows it', async ({ page }) => {
  const config = encodeURIComponent(JSON.stringify({ teachers: ['mnist-6-9', 'fashion-0-4'] }));
  await openStudio(page, `?backend=wasm#config=${config}`);
  const list = page.getByRole('list', { name: 'Shipped teachers' });
  const order = () => list.locator('li[data-teacher]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-teacher')));
  // A link's picks come first, in the zoo's order.
  await expect.poll(async () => (await order()).slice(0, 2)).toEqual(['fashion-0-4', 'mnist-6-9']);
  const before = await order();
  // Ticks made in the list do not move rows: the pointer and the focus stay on the row ticked.
  await list.locator('li[data-teacher="fashion-0-4"]').getByRole('checkbox').uncheck();
  await list.locator('li[data-teacher="mnist-all"]').getByRole('checkbox').check();
  await expect(list.locator('li[data-teacher="mnist-all"]').getByRole('checkbox')).toBeFocused();
  expect(await order()).toEqual(before);
  await expect(page.locator('[data-field="method-teachers"]')).toHaveText('mnist-6-9, mnist-all');

  await page.getByRole('searchbox', { name: 'Search teachers' }).fill('sneaker');
  expect(await order()).toEqual(['fashion-5-9', 'fashion-all']);
  await page.getByRole('button', { name: 'show all' }).click();
  await page.getByLabel('picked only').check();
  expect(await order()).toEqual(['mnist-6-9', 'mnist-all']);
});
