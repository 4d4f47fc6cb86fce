import { expect, test } from '@playwright/test';
import { configFromPreset } from '../src/core/method/resolveConfig';
import { callWorkerOk, openStudio } from './studio';
import { note, untilStep } from './workerTraining';

/** The UMAP projection option, in the browser's worker: umap-js is bundled, nothing is fetched for it. */
test('embedding snapshots are laid out by UMAP in the worker when the cadence asks, PCA otherwise', async ({ page }) => {
  test.setTimeout(90_000);
  const { errors } = await openStudio(page, '?backend=wasm');
  const config = configFromPreset('cka', { teachers: ['mnist-0-4', 'mnist-5-9'], data: 'mnist', batchSize: 8, studentWidth: 8, transferLimit: 800 });
  const configured = await callWorkerOk(page, { kind: 'configure', config, cadence: { evaluateEvery: 1000, projection: 'umap' } });
  expect(configured.cadence.projection).toBe('umap');
  await callWorkerOk(page, { kind: 'startTraining' });
  await untilStep(page, 3);
  await callWorkerOk(page, { kind: 'pause' });

  const started = Date.now();
  const umap = await callWorkerOk(page, { kind: 'snapshot' });
  note(`UMAP snapshot of ${umap.count} points x ${1 + umap.teachers.length} embeddings: ${Date.now() - started} ms`);
  expect(umap.projection).toBe('umap');
  for (const e of [umap.student, ...umap.teachers]) {
    expect(e.points.length).toBe(2 * umap.count);
    expect(Array.from(e.points).every(Number.isFinite)).toBe(true);
  }
  await callWorkerOk(page, { kind: 'stopTraining' });

  await callWorkerOk(page, { kind: 'configure', config, cadence: { evaluateEvery: 1000 } });
  await callWorkerOk(page, { kind: 'startTraining' });
  await untilStep(page, 3);
  await callWorkerOk(page, { kind: 'pause' });
  const pca = await callWorkerOk(page, { kind: 'snapshot' });
  expect(pca.projection).toBe('pca');
  expect(pca.count).toBe(umap.count);
  expect(Array.from(pca.student.points)).not.toEqual(Array.from(umap.student.points));
  await callWorkerOk(page, { kind: 'stopTraining' });
  expect(errors).toEqual([]);
});
