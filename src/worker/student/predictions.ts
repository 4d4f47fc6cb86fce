import type { Prediction } from '../../protocol/messages';

/** Per row of `probs` ([rows, labels.length]), the `k` most likely labels, best first. */
export function topClasses(probs: Float32Array, labels: string[], k: number): Prediction[][] {
  const C = labels.length;
  const rows: Prediction[][] = [];
  for (let r = 0; r * C < probs.length; r++) {
    const row = Array.from(probs.subarray(r * C, (r + 1) * C), (probability, c) => ({ label: labels[c], probability }));
    rows.push(row.sort((a, b) => b.probability - a.probability).slice(0, k));
  }
  return rows;
}
