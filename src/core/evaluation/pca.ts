import { seededRandom } from '../random';

/**
 * 2-D PCA projection for the embedding plot.
 *
 * Axes come from power iteration on the m x m covariance (built once in O(n m^2), after which
 * each iteration is only O(m^2)); the second axis is iterated with the first projected out.
 *
 * Sign: an eigenvector's sign is arbitrary, so without a rule the plot would mirror between
 * frames. Default rule: the sum of cubed components is positive (first nonzero component
 * positive when that sum is ~0). It is continuous in the axis, unlike "largest component
 * positive", which flips whenever two components of opposite sign trade places. No rule that
 * looks at one frame alone can be flip-free everywhere, so a caller animating frames should
 * pass the previous frame's axes: each new axis is then signed to agree with its predecessor.
 */
export interface PrincipalAxes {
  /** Column means, length m. */
  mean: Float64Array;
  /** k unit axes, row-major [k, m]; an axis with no variance left is all zeros. */
  axes: Float64Array;
  /** Variance along each axis (eigenvalues of the covariance, divisor n - 1). */
  variances: Float64Array;
}

// Enough for any gap a plot can show; near-equal eigenvalues (whose axes are arbitrary anyway)
// stop at the cap instead of spinning. 1 - |cos| < 1e-10 is an angle change under 2e-5 rad.
const MAX_ITERATIONS = 1000;
const TOLERANCE = 1e-10;

function covariance(E: Float32Array, n: number, m: number, mean: Float64Array): Float64Array {
  const C = new Float64Array(m * m);
  // Four centred rows per pass: each load/store of C then carries four multiply-adds, which is
  // what bounds this loop (about 4x faster than one row per pass at m = 512).
  const X = new Float64Array(4 * m);
  for (let i = 0; i < n; i += 4) {
    X.fill(0); // a short last block contributes zeros
    for (let r = 0; r < Math.min(4, n - i); r++) {
      for (let t = 0; t < m; t++) X[r * m + t] = E[(i + r) * m + t] - mean[t];
    }
    for (let a = 0; a < m; a++) {
      const x0 = X[a];
      const x1 = X[m + a];
      const x2 = X[2 * m + a];
      const x3 = X[3 * m + a];
      const o = a * m;
      // Upper triangle only; mirrored below.
      for (let b = a; b < m; b++) {
        C[o + b] += x0 * X[b] + x1 * X[m + b] + x2 * X[2 * m + b] + x3 * X[3 * m + b];
      }
    }
  }
  const scale = n > 1 ? 1 / (n - 1) : 0;
  for (let a = 0; a < m; a++) {
    for (let b = a; b < m; b++) {
      C[a * m + b] *= scale;
      C[b * m + a] = C[a * m + b];
    }
  }
  return C;
}

function removeComponents(v: Float64Array, found: Float64Array[]): void {
  for (const f of found) {
    let p = 0;
    for (let t = 0; t < v.length; t++) p += v[t] * f[t];
    for (let t = 0; t < v.length; t++) v[t] -= p * f[t];
  }
}

function normalise(v: Float64Array): number {
  let sq = 0;
  for (let t = 0; t < v.length; t++) sq += v[t] * v[t];
  const norm = Math.sqrt(sq);
  if (norm > 0) for (let t = 0; t < v.length; t++) v[t] /= norm;
  return norm;
}

/** Signs v by its predecessor when they are clearly related, else by the cube-sum rule. */
function fixSign(v: Float64Array, previous: Float64Array | undefined): void {
  let score = 0;
  if (previous) for (let t = 0; t < v.length; t++) score += v[t] * previous[t];
  // An unrelated (near-orthogonal) predecessor says nothing about the sign.
  if (Math.abs(score) < 1e-3) {
    score = 0;
    for (let t = 0; t < v.length; t++) score += v[t] * v[t] * v[t];
  }
  if (Math.abs(score) < 1e-9) score = v.find((x) => Math.abs(x) > 1e-9) ?? 0;
  if (score < 0) for (let t = 0; t < v.length; t++) v[t] = -v[t];
}

/** Top eigenvector of symmetric C orthogonal to `found`, with its eigenvalue; zeros if none. */
function powerIterate(
  C: Float64Array,
  m: number,
  found: Float64Array[],
  floor: number,
  previous: Float64Array | undefined,
) {
  // A generic (pseudo-random, fixed) start: a constant vector can be orthogonal to the answer.
  const random = seededRandom(0x5eed + found.length);
  let v = Float64Array.from({ length: m }, () => random() - 0.5);
  removeComponents(v, found);
  normalise(v);
  let lambda = 0;
  for (let iter = 0; iter < MAX_ITERATIONS; iter++) {
    const w = new Float64Array(m);
    for (let a = 0; a < m; a++) {
      let s = 0;
      for (let b = 0; b < m; b++) s += C[a * m + b] * v[b];
      w[a] = s;
    }
    removeComponents(w, found); // keeps rounding from leaking the earlier axes back in
    lambda = normalise(w);
    if (lambda <= floor) return { axis: new Float64Array(m), lambda: 0 };
    let agreement = 0;
    for (let t = 0; t < m; t++) agreement += w[t] * v[t];
    v = w;
    if (1 - Math.abs(agreement) < TOLERANCE) break;
  }
  fixSign(v, previous);
  return { axis: v, lambda };
}

/**
 * The k leading principal axes of the rows of E ([n, m] row-major). `previousAxes` (the `axes`
 * of an earlier call with the same k and m) fixes each axis's sign to agree with it.
 */
export function principalAxes(
  E: Float32Array,
  n: number,
  m: number,
  k = 2,
  previousAxes?: Float64Array,
): PrincipalAxes {
  if (previousAxes && previousAxes.length !== k * m) {
    throw new RangeError(`previousAxes has ${previousAxes.length} values, expected ${k} x ${m}`);
  }
  if (E.length !== n * m) throw new RangeError(`E has ${E.length} values, expected ${n} x ${m}`);
  const mean = new Float64Array(m);
  for (let i = 0; i < n; i++) for (let t = 0; t < m; t++) mean[t] += E[i * m + t];
  if (n > 0) for (let t = 0; t < m; t++) mean[t] /= n;
  const C = covariance(E, n, m, mean);
  let trace = 0;
  for (let t = 0; t < m; t++) trace += C[t * m + t];
  // Variance below this is rounding noise, not a direction worth plotting.
  const floor = trace * 1e-12;
  const axes = new Float64Array(k * m);
  const variances = new Float64Array(k);
  const found: Float64Array[] = [];
  for (let j = 0; j < Math.min(k, m); j++) {
    const previous = previousAxes?.subarray(j * m, (j + 1) * m);
    const { axis, lambda } = powerIterate(C, m, found, floor, previous);
    axes.set(axis, j * m);
    variances[j] = lambda;
    found.push(axis);
  }
  return { mean, axes, variances };
}

/** Centred rows projected on the axes: [n, k] row-major, k = number of axes. */
export function projectOnAxes(E: Float32Array, n: number, m: number, { mean, axes }: PrincipalAxes): Float32Array {
  if (E.length !== n * m) throw new RangeError(`E has ${E.length} values, expected ${n} x ${m}`);
  const k = axes.length / m;
  const out = new Float32Array(k * n);
  const centred = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < m; t++) centred[t] = E[i * m + t] - mean[t];
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let t = 0; t < m; t++) s += centred[t] * axes[j * m + t];
      out[i * k + j] = s;
    }
  }
  return out;
}

/**
 * 2-D PCA of the rows of E: [x0, y0, x1, y1, ...], length 2n. For frame-to-frame stability use
 * principalAxes(E, n, m, 2, previous.axes) with projectOnAxes, keeping the axes between frames.
 */
export function pca2d(E: Float32Array, n: number, m: number, previousAxes?: Float64Array): Float32Array {
  return projectOnAxes(E, n, m, principalAxes(E, n, m, 2, previousAxes));
}
