import * as tf from '@tensorflow/tfjs';
import type { Teacher } from './loadTeacher';

/** One way a model may want its pixels: x01 -> (x01 - mean) / std. */
export interface Scaling {
  mean: number;
  std: number;
}

export interface ScalingCandidate extends Scaling {
  id: 'unit' | 'symmetric' | 'bytes' | 'standard';
  /** As the card shows it: "[0, 1]", "[−1, 1]", "[0, 255]", "mean/std". */
  label: string;
}

export interface ScoredScaling extends ScalingCandidate {
  /** Mean top-class probability over the sample. */
  confidence: number;
  /** Entropy of the predicted-class histogram over log(classes): 0 when every image gets one class. */
  variety: number;
  /** Share of images whose top probability is 1 to within 1e-4: inputs far out of scale saturate the softmax. */
  saturation: number;
  score: number;
}

/** What the check found: every candidate scored, and the one it proposes. */
export interface ScalingCheck {
  candidates: ScoredScaling[];
  proposed: ScalingCandidate['id'];
  /** How many transfer images were tried. */
  samples: number;
}

export const UNIT_SCALING: Scaling = { mean: 0, std: 1 };

/** The usual input conventions, and the sample's own mean and spread (its pixels only, never labels). */
export function scalingCandidates(sample01: tf.Tensor): ScalingCandidate[] {
  const { mean, variance } = tf.tidy(() => tf.moments(sample01));
  const [m, v] = [mean.dataSync()[0], variance.dataSync()[0]];
  tf.dispose([mean, variance]);
  const std = Math.max(Math.sqrt(v), 1e-3);
  return [
    { id: 'unit', label: '[0, 1]', ...UNIT_SCALING },
    { id: 'symmetric', label: '[−1, 1]', mean: 0.5, std: 0.5 },
    { id: 'bytes', label: '[0, 255]', mean: 0, std: 1 / 255 },
    { id: 'standard', label: `mean/std (${m.toFixed(3)} ± ${std.toFixed(3)})`, mean: m, std },
  ];
}

/** Confident and varied: a wrong scaling gives one class for everything, or no confidence at all. */
export function scorePredictions(probs: number[][]): { confidence: number; variety: number; saturation: number } {
  const classes = probs[0]?.length ?? 0;
  if (probs.length === 0 || classes < 2) return { confidence: 0, variety: 0, saturation: 0 };
  const counts = new Array<number>(classes).fill(0);
  let confidence = 0;
  let saturated = 0;
  for (const row of probs) {
    const top = row.indexOf(Math.max(...row));
    counts[top]++;
    confidence += row[top];
    if (row[top] > 1 - 1e-4) saturated++;
  }
  const entropy = counts.reduce((h, c) => (c === 0 ? h : h - (c / probs.length) * Math.log(c / probs.length)), 0);
  return { confidence: confidence / probs.length, variety: entropy / Math.log(classes), saturation: saturated / probs.length };
}

/** Above this share of saturated rows a candidate is taken to be far out of the model's scale. */
const SATURATED = 0.9;

/**
 * Varied first, then confident: the square root keeps a scaling that merely amplifies the
 * input (and so the logits) from winning on confidence alone. A candidate that saturates
 * nearly every row ([0, 255] into a [0, 1] model) scores 0. Checked on five models whose
 * scaling is known ([0, 1], [-1, 1] and mean/std ones, src/node/foreignTeachers.test.ts):
 * on their own data sets' images each got its own.
 */
function scoreOf(c: { confidence: number; variety: number; saturation: number }): number {
  return c.saturation >= SATURATED ? 0 : c.variety * Math.sqrt(c.confidence);
}

/**
 * Tries each candidate on a sample of transfer images and proposes the most varied and
 * confident one that does not saturate. `teacher` must have been loaded with `built` as its scaling: each candidate's
 * input is mapped so that, after the teacher's own scaling, the model sees (x - mean) / std.
 */
export function checkInputScaling(teacher: Teacher, sample01: tf.Tensor4D, built: Scaling = UNIT_SCALING): ScalingCheck {
  const scored = scalingCandidates(sample01).map((candidate) => {
    const probs = tf.tidy(() => {
      const x = sample01.sub(candidate.mean).div(candidate.std).mul(built.std).add(built.mean) as tf.Tensor4D;
      return teacher.probabilities(x).arraySync();
    });
    const scores = scorePredictions(probs);
    return { ...candidate, ...scores, score: scoreOf(scores) };
  });
  // Every candidate saturating says nothing about scale: then variety and confidence alone.
  if (scored.every((c) => c.score === 0)) scored.forEach((c) => (c.score = c.variety * c.confidence));
  const best = scored.reduce((a, b) => (b.score > a.score ? b : a));
  return { candidates: scored, proposed: best.id, samples: sample01.shape[0] };
}

/** Up to `count` images spread evenly over a set (the same ones every time), as a [0, 1] tensor. */
export function spreadSample(pixels: Uint8Array, shape: { count: number; height: number; width: number; channels: number }, count = 256): tf.Tensor4D {
  const n = Math.min(count, shape.count);
  const size = shape.height * shape.width * shape.channels;
  const out = new Float32Array(n * size);
  for (let i = 0; i < n; i++) {
    const from = Math.floor((i * shape.count) / n) * size;
    for (let j = 0; j < size; j++) out[i * size + j] = pixels[from + j] / 255;
  }
  return tf.tensor4d(out, [n, shape.height, shape.width, shape.channels]);
}
