import * as tf from '@tensorflow/tfjs';
import { fusedMeanRbf, meanRbfFused } from '../../backend/wasmMeanRbf';
import { assertNonEmpty, assertSameShape } from './checks';
import { l2Normalize, squaredDistanceMatrix } from './similarity';

/** RBF bandwidths of CFL's official code (Luo et al., IJCAI 2019). */
export const CFL_SIGMAS: readonly number[] = [0.001, 0.01, 0.05, 0.1, 0.2, 1, 2];
/** CFL's weight on the whole common-feature term (MMD + reconstruction) against L_kd. */
export const CFL_COMMON_FEATURE_WEIGHT = 10;
/** CFL's weight on reconstruction inside the common-feature term. */
export const CFL_RECONSTRUCTION_WEIGHT = 1;

/**
 * Biased (V-statistic) multi-bandwidth RBF MMD² between two batches:
 * mean k(a,a') + mean k(b,b') − 2 mean k(a,b), all pairs including i = j,
 * k(x, y) = Σ_σ exp(−||x − y||² / (2σ²)) (a sum over bandwidths, not a mean), as in CFL's code.
 * The biased estimate is ≥ 0 in exact arithmetic; like CFL, a ReLU clips rounding below zero.
 * Batches may differ in size; features are used as given (see commonFeatureMmd for CFL's normalising).
 */
export function mmd2MultiRbf(a: tf.Tensor2D, b: tf.Tensor2D, sigmas: readonly number[] = CFL_SIGMAS): tf.Scalar {
  if (sigmas.length === 0) throw new Error('mmd2MultiRbf: no bandwidths');
  return tf.tidy(() => {
    const within = tf.add(meanKernel(a, a, sigmas), meanKernel(b, b, sigmas));
    return tf.relu(tf.sub(within, tf.mul(meanKernel(a, b, sigmas), 2))) as tf.Scalar;
  });
}

/** On wasm one fused kernel pair (backend/wasmMeanRbf.ts); elsewhere the same mean as tfjs ops. */
function meanKernel(x: tf.Tensor2D, y: tf.Tensor2D, sigmas: readonly number[]): tf.Scalar {
  if (meanRbfFused()) return fusedMeanRbf(x, y, sigmas.map((s) => -1 / (2 * s * s)));
  return meanKernelByOps(x, y, sigmas);
}

/** The tfjs-ops form of meanKernel, for every backend; exported for the fused kernels' test. */
export function meanKernelByOps(x: tf.Tensor2D, y: tf.Tensor2D, sigmas: readonly number[]): tf.Scalar {
  const gammas = tf.tensor1d(sigmas.map((s) => -1 / (2 * s * s)));
  const perBandwidth = tf.exp(tf.mul(tf.expandDims(squaredDistanceMatrix(x, y), 2), gammas));
  return tf.div(tf.sum(perBandwidth), x.shape[0] * y.shape[0]);
}

/** CFL's MMD² on common-space features after L2-normalising each row (its `normalized=True`). */
export function commonFeatureMmd(
  studentCommon: tf.Tensor2D,
  teacherCommon: tf.Tensor2D,
  sigmas: readonly number[] = CFL_SIGMAS,
): tf.Scalar {
  return tf.tidy(() => mmd2MultiRbf(l2Normalize(studentCommon), l2Normalize(teacherCommon), sigmas));
}

/** Mean squared error over every element, as PyTorch's F.mse_loss: a teacher's feature rebuilt from the common space. */
export function reconstructionMse(decoded: tf.Tensor, target: tf.Tensor): tf.Scalar {
  assertSameShape(decoded, target, 'reconstructionMse');
  return tf.tidy(() => tf.mean(tf.squaredDifference(decoded, target)));
}

export interface CflFeatureOptions {
  sigmas?: readonly number[];
  reconstructionWeight?: number;
}

/**
 * CFL's common-feature term: Σ_k MMD²(h_s, h_k) + w_rec · Σ_k MSE(decoder_k(h_k), f_k).
 * The CFL baseline adds CFL_COMMON_FEATURE_WEIGHT times this to L_kd (concat combiner, T = 1).
 */
export function cflFeatureLoss(
  studentCommon: tf.Tensor2D,
  teacherCommon: tf.Tensor2D[],
  decodedTeacherFeatures: tf.Tensor2D[],
  teacherFeatures: tf.Tensor2D[],
  options: CflFeatureOptions = {},
): tf.Scalar {
  assertNonEmpty(teacherCommon, 'cflFeatureLoss');
  if (decodedTeacherFeatures.length !== teacherCommon.length || teacherFeatures.length !== teacherCommon.length) {
    throw new Error('cflFeatureLoss: one decoded and one original feature per teacher');
  }
  const { sigmas = CFL_SIGMAS, reconstructionWeight = CFL_RECONSTRUCTION_WEIGHT } = options;
  return tf.tidy(() => {
    const mmd = tf.addN(teacherCommon.map((h) => commonFeatureMmd(studentCommon, h, sigmas)));
    const rec = tf.addN(decodedTeacherFeatures.map((d, k) => reconstructionMse(d, teacherFeatures[k])));
    return tf.add(mmd, tf.mul(rec, reconstructionWeight));
  });
}
