/**
 * A history that never grows past `max` points, so a long run's charts stay as cheap to
 * draw as a short one's. Like the core's loss history: when full, neighbours merge and
 * the stride doubles; later points then gather `stride` raw points before being kept.
 */
export interface BoundedSeries<P> {
  points: P[];
  /** Raw points per kept point. */
  stride: number;
  /** Raw points gathered towards the next kept point (fewer than stride). */
  pending: { point: P; count: number } | null;
}

/** Combines two points covering `a` and `b` raw points; the result stands for both. */
export type MergePoints<P> = (x: P, a: number, y: P, b: number) => P;

export const emptySeries = <P>(): BoundedSeries<P> => ({ points: [], stride: 1, pending: null });

/** A new series with `point` added (the old one is left as it was: store state is immutable). */
export function appendBounded<P>(series: BoundedSeries<P>, point: P, merge: MergePoints<P>, max: number): BoundedSeries<P> {
  const p = series.pending;
  const pending = p ? { point: merge(p.point, p.count, point, 1), count: p.count + 1 } : { point, count: 1 };
  if (pending.count < series.stride) return { ...series, pending };
  const points = [...series.points, pending.point];
  if (points.length < max) return { points, stride: series.stride, pending: null };
  const halved = Array.from({ length: points.length >> 1 }, (_, i) => merge(points[2 * i], series.stride, points[2 * i + 1], series.stride));
  return { points: halved, stride: series.stride * 2, pending: null };
}

/** Every kept point, then the partial one: the newest values must show at once. */
export function seriesPoints<P>(series: BoundedSeries<P>): P[] {
  return series.pending ? [...series.points, series.pending.point] : series.points;
}

/** Weighted mean of two numbers that stand for `a` and `b` raw values. */
export const weightedMean = (x: number, a: number, y: number, b: number): number => (x * a + y * b) / (a + b);
