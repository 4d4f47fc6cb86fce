import * as tf from '@tensorflow/tfjs';
import type { SmokeCheckResult } from '../../protocol/messages';
import { SMOKE_SIZE, expectedSmokeChecksum, smokeChecksum, smokeMatrices } from '../../protocol/backend/smokeCheck';

/** Runs the shared matMul check on the active backend (proves it computes, not just loads). */
export async function runSmokeCheck(n = SMOKE_SIZE): Promise<SmokeCheckResult> {
  const started = performance.now();
  const { a, b } = smokeMatrices(n);
  const c = tf.tidy(() => tf.matMul(tf.tensor2d(a, [n, n]), tf.tensor2d(b, [n, n])));
  try {
    const values = await c.data();
    return {
      operation: `matMul ${n}x${n}`,
      checksum: smokeChecksum(values, n),
      expected: expectedSmokeChecksum(n),
      ms: performance.now() - started,
    };
  } finally {
    c.dispose();
  }
}
