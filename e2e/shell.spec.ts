import { expect, test } from '@playwright/test';
import { expectedSmokeChecksum } from '../src/protocol/backend/smokeCheck';
import { field, fieldText, openStudio } from './studio';

const BACKENDS = ['wasm', 'webgpu', 'webgl', 'cpu'];

function logTiming(label: string, readyMs: number, workerMs: string): void {
  const description = `${label}: ${readyMs} ms navigation->ready (worker call ${workerMs})`;
  test.info().annotations.push({ type: 'timing', description });
  console.log(description);
}

test('shell page starts the training worker on a working backend', async ({ page }) => {
  const { errors, readyMs } = await openStudio(page);

  await expect(page).toHaveTitle('CKA Studio');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('CKA Studio');
  await expect(page.getByRole('status')).toHaveText(/^worker ready: backend (\w+) \(.+\)$/);

  const backend = await fieldText(page, 'backend');
  expect(BACKENDS).toContain(backend);
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  await expect(field(page, 'isolated')).toHaveText('yes');
  await expect(field(page, 'checksum')).toHaveText(String(expectedSmokeChecksum()));
  await expect(field(page, 'expected')).toHaveText(String(expectedSmokeChecksum()));

  logTiming(`default (${backend})`, readyMs, await fieldText(page, 'ready-ms'));
  expect(errors).toEqual([]);
});

test('?backend=webgpu runs tfjs on the SwiftShader fallback adapter', async ({ page }) => {
  const { errors, readyMs } = await openStudio(page, '?backend=webgpu');

  await expect(page.getByRole('status')).toHaveText('worker ready: backend webgpu (requested)');
  await expect(field(page, 'backend')).toHaveText('webgpu');
  await expect(field(page, 'adapter')).toHaveText(/swiftshader.*\(fallback\)$/i);
  await expect(field(page, 'checksum')).toHaveText(String(expectedSmokeChecksum()));

  logTiming('webgpu', readyMs, await fieldText(page, 'ready-ms'));
  expect(errors).toEqual([]);
});

test('?backend=wasm runs multithreaded SIMD wasm', async ({ page }) => {
  const { errors, readyMs } = await openStudio(page, '?backend=wasm');

  await expect(page.getByRole('status')).toHaveText('worker ready: backend wasm (requested)');
  await expect(field(page, 'threads')).toHaveText(/^on \([1-9]\d*\)$/);
  await expect(field(page, 'simd')).toHaveText('on');
  await expect(field(page, 'wasm-binary')).toHaveText(/^tfjs-backend-wasm-threaded-simd(-[\w-]+)?\.wasm$/);
  await expect(field(page, 'isolated')).toHaveText('yes');
  await expect(field(page, 'checksum')).toHaveText(String(expectedSmokeChecksum()));

  logTiming('wasm', readyMs, await fieldText(page, 'ready-ms'));
  expect(errors).toEqual([]);
});
