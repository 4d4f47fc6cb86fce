import type * as tf from '@tensorflow/tfjs';

/** Argument checks shared by the losses: a wrong shape should fail loudly, not broadcast. */

export function assertPositive(value: number, name: string): void {
  if (!(value > 0) || !Number.isFinite(value)) throw new Error(`${name} must be a positive number, got ${value}`);
}

export function assertNonEmpty<T>(list: readonly T[], name: string): void {
  if (list.length === 0) throw new Error(`${name} needs at least one teacher`);
}

export function assertSameShape(a: tf.Tensor, b: tf.Tensor, name: string): void {
  if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) {
    throw new Error(`${name}: shapes differ ([${a.shape}] vs [${b.shape}])`);
  }
}

export function assertSquareBatch(sim: tf.Tensor2D, labels: tf.Tensor1D, name: string): void {
  const [rows, cols] = sim.shape;
  if (rows !== cols || labels.shape[0] !== rows) {
    throw new Error(`${name}: similarity [${sim.shape}] and labels [${labels.shape}] must describe one batch`);
  }
}
