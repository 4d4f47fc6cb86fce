/**
 * Test-only helpers shared by conv2dGradient.test.ts (cpu) and conv2dGradient.wasm.test.ts.
 *
 * Error measure: max|a - b| / max(1, max|b|), b being the reference. It is an absolute error
 * for small gradients and a relative one for large ones.
 */
import { expect } from 'vitest';
import type { Random } from '../random';

export const TOL = 1e-4;

export function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let diff = 0;
  let scale = 1;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}

/** Uniform values in [-1, 1). */
export function randomArray(size: number, rng: Random): Float32Array {
  return Float32Array.from({ length: size }, () => rng() * 2 - 1);
}

/** The shapes of one conv2d case, padding aside. */
export interface ConvShapes {
  shape: [number, number, number, number]; // x: [B, H, W, Cin]
  kernel: [number, number, number, number]; // [kH, kW, Cin, Cout]
  strides: [number, number];
}

export interface RandomCase extends ConvShapes {
  pad: 'same' | 'valid';
}

export function randomCase(rng: Random): RandomCase {
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const [b, h, w, cin, cout] = [int(1, 3), int(1, 9), int(1, 9), int(1, 4), int(1, 4)];
  const pad = rng() < 0.5 ? 'same' : 'valid';
  // 'valid' needs the kernel inside the input; 'same' keeps kernels larger than the input.
  const kh = pad === 'valid' ? int(1, Math.min(5, h)) : int(1, 5);
  const kw = pad === 'valid' ? int(1, Math.min(5, w)) : int(1, 5);
  return { shape: [b, h, w, cin], kernel: [kh, kw, cin, cout], strides: [int(1, 3), int(1, 3)], pad };
}
