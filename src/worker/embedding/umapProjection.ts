import { UMAP } from 'umap-js';
import type { PointProjector } from '../../core/method/embeddingSnapshot';
import { seededRandom } from '../../core/random';

/**
 * UMAP (umap-js, PAIR-code's port of McInnes et al.) as a snapshot projection. Seeded, so
 * one embedding always gets one layout. 200 epochs rather than umap-js's 500 for a few
 * hundred points: the layout has settled by then and a frame costs half the time.
 * The epochs run in slices of SLICE_MS, yielding to the event loop between slices, so the
 * worker keeps answering and training goes on. Not umap-js's fitAsync: it yields after every epoch, and each yield
 * waits behind a whole training step, so a frame took 600 steps (3 layouts of 200 epochs)
 * and arrived after a short run had ended.
 */
/**
 * Milliseconds of layout work between two yields. Between slices one training step runs (and
 * any request waiting), so this splits the worker's time between the two: at 200 ms against
 * a step of ~150 ms (wasm, 2 cores) a frame's three layouts (~3 s of work) arrive a dozen steps
 * after their evaluation, while a short run still trains, and pause answers within a slice.
 */
export const SLICE_MS = 200;

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function umapProjector(seed: number, options: { nEpochs?: number; nNeighbors?: number } = {}): PointProjector {
  return {
    name: 'umap',
    async project(E, n, m) {
      const rows = Array.from({ length: n }, (_, i) => Array.from(E.subarray(i * m, (i + 1) * m)));
      // UMAP needs more points than neighbours; a tiny probe set gets fewer neighbours.
      const nNeighbors = Math.max(2, Math.min(options.nNeighbors ?? 15, n - 1));
      const umap = new UMAP({ nComponents: 2, nNeighbors, nEpochs: options.nEpochs ?? 200, minDist: 0.1, random: seededRandom(seed) });
      const nEpochs = umap.initializeFit(rows);
      for (let epoch = 0; epoch < nEpochs; ) {
        const until = performance.now() + SLICE_MS;
        while (epoch < nEpochs && performance.now() < until) epoch = umap.step();
        if (epoch < nEpochs) await nextTurn();
      }
      return Float32Array.from(umap.getEmbedding().flat());
    },
  };
}
