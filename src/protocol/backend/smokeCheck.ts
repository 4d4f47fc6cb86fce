/**
 * The worker's start-up proof of life: C = A x B on the chosen backend, reduced to one
 * number. Entries are small integers, so every backend (f32 included) must give the
 * exact value. Off-centre entries keep the sums from cancelling to something small, and
 * the position weights make a transposed or shuffled result fail too.
 */
export const SMOKE_SIZE = 128;

export function smokeMatrices(n = SMOKE_SIZE): { a: Float32Array; b: Float32Array } {
  const a = new Float32Array(n * n);
  const b = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      a[i * n + j] = ((i * 7 + j * 3) % 11) - 3;
      b[i * n + j] = ((i * 5 + j * 2) % 13) - 4;
    }
  }
  return { a, b };
}

/**
 * Position-weighted sum of an n x n row-major matrix. A prime period that doesn't divide
 * n keeps rows from cancelling each other; every term is an integer below 2^53, so the
 * float64 sum is exact.
 */
export function smokeChecksum(c: ArrayLike<number>, n = SMOKE_SIZE): number {
  let sum = 0;
  for (let k = 0; k < n * n; k++) sum += c[k] * ((k % 101) + 1);
  return sum;
}

/** The checksum computed without tfjs, in float64. */
export function expectedSmokeChecksum(n = SMOKE_SIZE): number {
  const { a, b } = smokeMatrices(n);
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      for (let j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
    }
  }
  return smokeChecksum(c, n);
}
