import * as tf from '@tensorflow/tfjs';

/**
 * Every image moved by whole pixels, `dx` to the right and `dy` down, the uncovered border
 * filled with 0 (black, as MNIST's background). Exact, so the teachers see the same pixel
 * values, just elsewhere; a shift of the image size or more leaves an all-zero image.
 */
export function shiftImages(images01: tf.Tensor4D, dx: number, dy: number): tf.Tensor4D {
  if (!Number.isInteger(dx) || !Number.isInteger(dy)) throw new Error(`shiftImages: whole pixels only, got (${dx}, ${dy})`);
  const [b, h, w, c] = images01.shape;
  if (dx === 0 && dy === 0) return tf.clone(images01);
  if (Math.abs(dx) >= w || Math.abs(dy) >= h) return tf.zeros([b, h, w, c]);
  return tf.tidy(() => {
    const padded = tf.pad(images01, [[0, 0], [Math.max(dy, 0), Math.max(-dy, 0)], [Math.max(dx, 0), Math.max(-dx, 0)], [0, 0]]);
    return tf.slice(padded, [0, Math.max(-dy, 0), Math.max(-dx, 0), 0], [b, h, w, c]);
  });
}

/** The eight neighbours at distance `step` (axis and diagonal), the shifts the ownership pre-pass averages over. */
export function neighbourShifts(step: number): [number, number][] {
  const out: [number, number][] = [];
  for (const dy of [-step, 0, step]) for (const dx of [-step, 0, step]) if (dx !== 0 || dy !== 0) out.push([dx, dy]);
  return out;
}

/** The four axis shifts at distance `step`: left, right, up, down. */
export function axisShifts(step: number): [number, number][] {
  return [[-step, 0], [step, 0], [0, -step], [0, step]];
}
