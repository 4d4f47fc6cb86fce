import { UMAP } from 'umap-js';
import type { PointProjector } from '../../core/method/embeddingSnapshot';
import { seededRandom } from '../../core/random';

/**
 * UMAP (umap-js, PAIR-code's port of McInnes et al.) as a snapshot projection. Seeded, so
 * one embedding always gets one layout. 200 epochs rather than umap-js's 500 for a few
 * hundred points: the layout has settled by then and a frame costs half the time.
 * fitAsync yields to the event loop between epochs, so the worker keeps answering.
 */
export function umapProjector(seed: number, options: { nEpochs?: number; nNeighbors?: number } = {}): PointProjector {
  return {
    name: 'umap',
    async project(E, n, m) {
      const rows = Array.from({ length: n }, (_, i) => Array.from(E.subarray(i * m, (i + 1) * m)));
      // UMAP needs more points than neighbours; a tiny probe set gets fewer neighbours.
      const nNeighbors = Math.max(2, Math.min(options.nNeighbors ?? 15, n - 1));
      const umap = new UMAP({ nComponents: 2, nNeighbors, nEpochs: options.nEpochs ?? 200, minDist: 0.1, random: seededRandom(seed) });
      const layout = await umap.fitAsync(rows);
      return Float32Array.from(layout.flat());
    },
  };
}
