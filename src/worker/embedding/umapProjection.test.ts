import { beforeAll, describe, expect, it, vi } from 'vitest';
import { useNodeBackend } from '../../node/wasmBackend';
import { embeddingSnapshot } from '../../core/method/embeddingSnapshot';
import { digitNames, memoryTeacher, syntheticLabelled } from '../../core/method/testFixtures';
import { createTrainingSession } from '../../core/method/trainingSession';
import { configFromPreset } from '../../core/method/resolveConfig';
import { seededRandom } from '../../core/random';
import { umapProjector } from './umapProjection';

/** `k` Gaussian blobs of `per` points in `m` dimensions, centres far apart; row-major, with labels. */
function blobs(k: number, per: number, m: number, seed: number): { E: Float32Array; labels: number[] } {
  const random = seededRandom(seed);
  const centres = Array.from({ length: k }, () => Array.from({ length: m }, () => (random() - 0.5) * 20));
  const E = new Float32Array(k * per * m);
  const labels: number[] = [];
  for (let c = 0; c < k; c++) {
    for (let p = 0; p < per; p++) {
      const row = c * per + p;
      labels.push(c);
      for (let j = 0; j < m; j++) E[row * m + j] = centres[c][j] + (random() - 0.5) * 2;
    }
  }
  return { E, labels };
}

/** Share of points whose nearest other point in the 2-D layout has their label. */
function nearestNeighbourAgreement(points: Float32Array, labels: number[]): number {
  const n = labels.length;
  let agree = 0;
  for (let i = 0; i < n; i++) {
    let best = -1;
    let bestDistance = Infinity;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const d = (points[2 * i] - points[2 * j]) ** 2 + (points[2 * i + 1] - points[2 * j + 1]) ** 2;
      if (d < bestDistance) [best, bestDistance] = [j, d];
    }
    if (labels[best] === labels[i]) agree++;
  }
  return agree / n;
}

describe('UMAP projection (umap-js)', () => {
  it('lays clustered embeddings out in 2-D with the clusters kept apart, the same way every time for one seed', async () => {
    const { E, labels } = blobs(4, 40, 24, 7);
    const n = labels.length;
    const points = await umapProjector(1).project(E, n, 24);
    expect(points.length).toBe(2 * n);
    expect(points.every(Number.isFinite)).toBe(true);
    expect(nearestNeighbourAgreement(points, labels)).toBeGreaterThan(0.95);
    expect(await umapProjector(1).project(E, n, 24)).toEqual(points);
    expect(await umapProjector(2).project(E, n, 24)).not.toEqual(points);
  });

  // Issue 14, defect 9: a yield per epoch waited behind a training step each time, so frames came after the run.
  it('yields to the event loop a few times a layout, not once an epoch', async () => {
    const { E, labels } = blobs(4, 40, 24, 5);
    const timers = vi.spyOn(globalThis, 'setTimeout');
    try {
      await umapProjector(1).project(E, labels.length, 24);
      expect(timers.mock.calls.length).toBeLessThan(100); // 200 epochs: a yield each before
    } finally {
      timers.mockRestore();
    }
  });

  it('copes with fewer points than the default neighbourhood', async () => {
    const { E, labels } = blobs(2, 5, 8, 3);
    const points = await umapProjector(1).project(E, labels.length, 8);
    expect(points.length).toBe(2 * labels.length);
    expect(points.every(Number.isFinite)).toBe(true);
  });
});

describe('embedding snapshot with the UMAP projector (wasm)', () => {
  beforeAll(async () => {
    await useNodeBackend('wasm');
  });

  it('places the points by UMAP and says so; the PCA statistics of the embedding are unchanged', async () => {
    const names = digitNames(0, 9);
    const teacher = await memoryTeacher({ id: 'mlp-0-9', labels: names, architecture: 'mlp', seed: 3 });
    const config = configFromPreset('cka', { teachers: ['mlp-0-9'], studentWidth: 8, batchSize: 16, transferLimit: 160 });
    const session = createTrainingSession({ config, teachers: [teacher], train: syntheticLabelled(160, 1, names), test: syntheticLabelled(600, 2, names), backend: 'wasm' });
    const pca = await embeddingSnapshot(session);
    const umap = await embeddingSnapshot(session, { projector: umapProjector(config.seed, { nEpochs: 50 }) });
    expect([pca.projection, umap.projection]).toEqual(['pca', 'umap']);
    for (const [u, p] of [[umap.student, pca.student], [umap.teachers[0], pca.teachers[0]]] as const) {
      expect(u.points.length).toBe(2 * pca.count);
      expect(u.points.every(Number.isFinite)).toBe(true);
      expect(u.points).not.toEqual(p.points);
      expect([u.variances, u.cohesion]).toEqual([p.variances, p.cohesion]);
    }
    await session.dispose();
    teacher.dispose();
  });
});
