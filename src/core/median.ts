/** The median of `xs` (the mean of the middle two for an even count); `whenEmpty` for none. */
export function median(xs: readonly number[], whenEmpty = NaN): number {
  if (xs.length === 0) return whenEmpty;
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
