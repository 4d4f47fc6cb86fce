/**
 * Exponential moving average with bias correction (as TensorBoard's smoothing slider does),
 * so the first points are not dragged towards zero. `weight` 0 leaves values unchanged;
 * near 1 it follows the trend only. Non-finite values pass through and do not poison the rest.
 */
export function emaSmooth(values: readonly number[], weight: number): number[] {
  if (!(weight >= 0 && weight < 1)) throw new RangeError(`smoothing weight must be in [0, 1), got ${weight}`);
  let last = 0;
  let debias = 1;
  return values.map((v) => {
    if (!Number.isFinite(v)) return v;
    last = last * weight + (1 - weight) * v;
    debias *= weight;
    return last / (1 - debias);
  });
}
