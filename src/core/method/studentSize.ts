import type { StudentArch } from './config/schema';

/** What a student's size depends on: its backbone and width, the images' side and channels, and its heads. */
export interface StudentShape {
  arch: StudentArch;
  width: number;
  side: number;
  channels: number;
  /** One entry per head: the union's classes (joint) or each teacher's (multi-head). */
  headSizes: readonly number[];
}

/** A 3 × 3 conv from `inputs` to `filters` channels, with biases. */
const conv3 = (inputs: number, filters: number) => 9 * inputs * filters + filters;
const dense = (inputs: number, units: number) => inputs * units + units;
/** A 2 × 2 max pool with stride 2, valid padding: floor(n / 2). */
const pooled = (n: number) => Math.floor(n / 2);

/**
 * The backbone's weights, layer by layer as src/core/method/student.ts builds it, or null where
 * the image is too small for it (small-cnn's valid convs need a side of at least 10).
 * student.test.ts checks this equals tfjs's countParams() of the built model.
 */
function backboneParams(arch: StudentArch, width: number, side: number, channels: number): number | null {
  const w = width;
  if (arch === 'small-cnn') {
    const last = pooled(pooled(side - 2) - 2);
    if (last < 1) return null;
    return conv3(channels, w) + conv3(w, 2 * w) + dense(last * last * 2 * w, 8 * w);
  }
  // resnet: same-padded convs, two per residual block, then global average pooling (no side term).
  if (pooled(pooled(side)) < 1) return null;
  return conv3(channels, w) + 2 * conv3(w, w) + conv3(w, 2 * w) + 2 * conv3(2 * w, 2 * w) + dense(2 * w, 8 * w);
}

/** The student's trainable parameters (backbone, features layer and heads), or null where it cannot be built. */
export function studentParamCount(s: StudentShape): number | null {
  const backbone = backboneParams(s.arch, s.width, s.side, s.channels);
  if (backbone === null) return null;
  return backbone + s.headSizes.reduce((sum, classes) => sum + dense(8 * s.width, classes), 0);
}
