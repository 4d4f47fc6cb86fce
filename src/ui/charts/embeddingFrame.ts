/**
 * Geometry of the embedding plot: PCA coordinates to canvas pixels, and the in-between
 * positions that animate one frame into the next.
 */
export interface Box {
  width: number;
  height: number;
  padding: number;
}

/** Bounds of [x0, y0, ...]; a flat cloud gets a unit span so it is not divided by zero. */
export function bounds(points: Float32Array): { minX: number; maxX: number; minY: number; maxY: number } {
  let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < points.length; i += 2) {
    minX = Math.min(minX, points[i]);
    maxX = Math.max(maxX, points[i]);
    minY = Math.min(minY, points[i + 1]);
    maxY = Math.max(maxY, points[i + 1]);
  }
  if (!(maxX > minX)) [minX, maxX] = [minX - 0.5, minX + 0.5];
  if (!(maxY > minY)) [minY, maxY] = [minY - 0.5, minY + 0.5];
  return { minX, maxX, minY, maxY };
}

/** Points scaled into the box, one scale for both axes (PCA distances keep their meaning), y up. */
export function toPixels(points: Float32Array, box: Box): Float32Array {
  const b = bounds(points);
  const scale = Math.min((box.width - 2 * box.padding) / (b.maxX - b.minX), (box.height - 2 * box.padding) / (b.maxY - b.minY));
  const [cx, cy] = [(b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2];
  const out = new Float32Array(points.length);
  for (let i = 0; i < points.length; i += 2) {
    out[i] = box.width / 2 + (points[i] - cx) * scale;
    out[i + 1] = box.height / 2 - (points[i + 1] - cy) * scale;
  }
  return out;
}

/** Positions `t` (0..1) of the way from `from` to `to`, eased; a frame of another size jumps. */
export function interpolate(from: Float32Array | null, to: Float32Array, t: number): Float32Array {
  if (!from || from.length !== to.length || t >= 1) return to;
  const e = t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2; // ease-in-out
  const out = new Float32Array(to.length);
  for (let i = 0; i < to.length; i++) out[i] = from[i] + (to[i] - from[i]) * e;
  return out;
}
