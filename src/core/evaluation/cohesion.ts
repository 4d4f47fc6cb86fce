import type { LabelArray } from './types';

/**
 * Embedding cohesion on a probe set, all with cosine distance d(x, y) = 1 - cos(x, y).
 *
 * Definitions (the project's choices):
 * - silhouette: scikit-learn's silhouette_score(metric='cosine'). For sample i in class A,
 *   a(i) = mean d(i, j) over the other members of A, b(i) = min over other classes B of the mean
 *   d(i, j) over B, s(i) = (b - a) / max(a, b) (0 when both are 0), and s(i) = 0 when i is alone
 *   in its class. silhouette = mean s(i). With fewer than two classes present it is NaN
 *   (scikit-learn raises): a collapse to one pseudo-class must show as undefined, not neutral.
 * - intraClassDistance: mean over samples of d(x_i, centroid of its class), where a centroid is
 *   the mean of the class's unit-normalised rows. Samples alone in their class are left out
 *   (their distance is trivially 0 and would reward tiny pseudo-classes); NaN if none remain.
 * - interCentroidDistance: mean of d(centroid_c, centroid_c') over all unordered class pairs;
 *   NaN with fewer than two classes.
 * - ratio = intraClassDistance / interCentroidDistance (lower is better); NaN when either is NaN
 *   or the inter distance is 0.
 * - classes: how many distinct labels are present (labels need not be contiguous).
 * A zero row (or zero centroid) has no direction; its cosine with anything is taken as 0.
 */
export interface CohesionMetrics {
  silhouette: number;
  intraClassDistance: number;
  interCentroidDistance: number;
  ratio: number;
  classes: number;
}

/** Rows scaled to unit length, in float64 so the sum-based distances below lose nothing. */
function normalisedRows(E: Float32Array, n: number, m: number): Float64Array {
  const U = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const o = i * m;
    let sq = 0;
    for (let t = 0; t < m; t++) sq += E[o + t] * E[o + t];
    const inv = sq > 0 ? 1 / Math.sqrt(sq) : 0;
    for (let t = 0; t < m; t++) U[o + t] = E[o + t] * inv;
  }
  return U;
}

/** Dense class index 0..k-1 per sample (ascending label order) and each class's size. */
function denseClasses(labels: LabelArray): { index: Int32Array; sizes: number[] } {
  const distinct = [...new Set(labels)].sort((a, b) => a - b);
  const position = new Map(distinct.map((label, c) => [label, c]));
  const index = new Int32Array(labels.length);
  const sizes = new Array<number>(distinct.length).fill(0);
  for (let i = 0; i < labels.length; i++) {
    index[i] = position.get(labels[i])!;
    sizes[index[i]]++;
  }
  return { index, sizes };
}

function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, m: number): number {
  let s = 0;
  for (let t = 0; t < m; t++) s += a[ao + t] * b[bo + t];
  return s;
}

export function cohesionMetrics(E: Float32Array, n: number, m: number, labels: LabelArray): CohesionMetrics {
  if (E.length !== n * m) throw new RangeError(`E has ${E.length} values, expected ${n} x ${m}`);
  if (labels.length !== n) throw new RangeError(`labels has ${labels.length} entries, expected ${n}`);
  const U = normalisedRows(E, n, m);
  const { index, sizes } = denseClasses(labels);
  const k = sizes.length;

  // Sum of unit rows per class. Because d is linear in the other vector, the total distance from
  // i to class c is |c| - u_i . S_c: silhouette costs O(n k m) instead of O(n^2 m).
  const S = new Float64Array(k * m);
  for (let i = 0; i < n; i++) {
    const o = i * m;
    const so = index[i] * m;
    for (let t = 0; t < m; t++) S[so + t] += U[o + t];
  }
  const sNorm = sizes.map((_, c) => Math.sqrt(dot(S, c * m, S, c * m, m)));

  let silhouetteSum = 0;
  let intraSum = 0;
  let intraCount = 0;
  const dots = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const o = i * m;
    for (let c = 0; c < k; c++) dots[c] = dot(U, o, S, c * m, m);
    const own = index[i];
    const size = sizes[own];
    if (size < 2) continue; // singleton: s(i) = 0, no intra distance
    // u_i . u_i is 1, or 0 for a zero row; removing it drops the sample's distance to itself.
    const self = dot(U, o, U, o, m);
    const a = (size - 1 - (dots[own] - self)) / (size - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own) b = Math.min(b, 1 - dots[c] / sizes[c]);
    const scale = Math.max(a, b);
    if (k >= 2 && scale > 0) silhouetteSum += (b - a) / scale;
    intraSum += 1 - (sNorm[own] > 0 ? dots[own] / sNorm[own] : 0);
    intraCount++;
  }

  let interSum = 0;
  for (let c = 0; c < k; c++) {
    for (let e = c + 1; e < k; e++) {
      const denom = sNorm[c] * sNorm[e];
      interSum += 1 - (denom > 0 ? dot(S, c * m, S, e * m, m) / denom : 0);
    }
  }
  const pairs = (k * (k - 1)) / 2;

  const silhouette = k >= 2 ? silhouetteSum / n : NaN;
  const intraClassDistance = intraCount > 0 ? intraSum / intraCount : NaN;
  const interCentroidDistance = pairs > 0 ? interSum / pairs : NaN;
  const ratio = interCentroidDistance > 0 ? intraClassDistance / interCentroidDistance : NaN;
  return { silhouette, intraClassDistance, interCentroidDistance, ratio, classes: k };
}
