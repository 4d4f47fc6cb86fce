import * as tf from '@tensorflow/tfjs';
import { batchToTensor } from '../data/imageTensors';
import type { LabelledImages } from '../data/labelledImages';
import { epochOrder, gatherPixels, orderedBatches } from '../data/transferSet';
import { toModelInput } from './preprocess';
import { seededRandom } from '../random';
import type { InputSpec } from './teacherMetadata';

/** Supervised training with labels: for teachers, and for the oracle baseline. */
export interface ClassifierTraining {
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  onEpoch?: (epoch: number, meanLoss: number) => void;
  outliers?: OutlierExposure;
  /**
   * Mirror a seeded half of each batch left-right: for the emoji set, whose ~80 images a
   * class a net learns by heart within ten epochs, and whose classes a mirror does not change
   * (digits it would, so it is off for them).
   */
  mirror?: boolean;
}

/** Flips the rows of `x` whose mask entry is 1 left-right (mask drawn from the seed and the step). */
export function mirrorHalf(x: tf.Tensor4D, seed: number): tf.Tensor4D {
  return tf.tidy(() => {
    const random = seededRandom(seed);
    const mask = tf.tensor1d(Array.from({ length: x.shape[0] }, () => (random() < 0.5 ? 1 : 0)), 'bool');
    return tf.where(mask.reshape([-1, 1, 1, 1]).tile([1, ...x.shape.slice(1)]) as tf.Tensor4D, tf.reverse(x, 2), x) as tf.Tensor4D;
  });
}

/**
 * Outlier exposure (Hendrycks et al., 2019): each step also shows the classifier a batch of
 * images from another data set and pulls its prediction on them towards uniform. A teacher
 * trained only on its own classes is otherwise confidently wrong on every other image, and
 * amalgamation cannot tell which teacher to believe (docs/results.md).
 */
export interface OutlierExposure {
  images: LabelledImages;
  /** Weight of the uniform-target cross-entropy on the outlier batch. */
  weight: number;
}

/** Cross-entropy against the uniform distribution: mean over rows and classes of -log p. */
function uniformCrossEntropy(logits: tf.Tensor2D): tf.Scalar {
  return tf.logSoftmax(logits).mean().neg() as tf.Scalar;
}

/** The b-th outlier batch of an epoch, wrapping round when the outlier set is the smaller one. */
function outlierBatch(order: Uint32Array, b: number, size: number): Uint32Array {
  const start = (b * size) % Math.max(1, order.length - size + 1);
  return order.subarray(start, start + size);
}

/** Maps data-set label ids to the classifier's output index (its class subset). */
export function classIndex(classes: readonly number[]): Int32Array {
  const index = new Int32Array(256).fill(-1);
  classes.forEach((c, i) => (index[c] = i));
  return index;
}

function labelTensor(set: LabelledImages, indices: Int32Array, index: Int32Array, numClasses: number): tf.Tensor2D {
  const targets = Int32Array.from(indices, (i) => index[set.labels[i]]);
  return tf.tidy(() => tf.oneHot(tf.tensor1d(targets, 'int32'), numClasses).toFloat() as tf.Tensor2D);
}

export async function trainClassifier(model: tf.LayersModel, set: LabelledImages, classes: number[], spec: InputSpec, options: ClassifierTraining) {
  const optimizer = tf.train.adam(options.learningRate);
  const index = classIndex(classes);
  const imageSize = set.height * set.width * set.channels;
  const outliers = options.outliers;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    let lossSum = 0;
    let batches = 0;
    const outlierOrder = outliers && epochOrder(outliers.images.count, options.seed + 7, epoch);
    for (const slice of orderedBatches(epochOrder(set.count, options.seed, epoch), options.batchSize, false)) {
      const batch = gatherPixels(set.pixels, imageSize, slice);
      const outlierPixels = outliers && gatherPixels(outliers.images.pixels, imageSize, outlierBatch(outlierOrder!, batches, options.batchSize));
      const loss = tf.tidy(() => {
        const images = batchToTensor(batch, set);
        const x = toModelInput(options.mirror ? mirrorHalf(images, options.seed * 7919 + epoch * 1009 + batches) : images, spec);
        const y = labelTensor(set, batch.indices, index, classes.length);
        return optimizer.minimize(() => {
          const supervised = tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor);
          if (!outliers) return supervised as tf.Scalar;
          const xo = toModelInput(batchToTensor(outlierPixels!, outliers.images), spec);
          return supervised.add(uniformCrossEntropy(model.apply(xo, { training: true }) as tf.Tensor2D).mul(outliers.weight)) as tf.Scalar;
        }, true) as tf.Scalar;
      });
      lossSum += (await loss.data())[0];
      loss.dispose();
      batches++;
    }
    options.onEpoch?.(epoch, lossSum / batches);
  }
  optimizer.dispose();
}

/** Accuracy of argmax(logits) over the samples of `classes`, on those classes only. */
export async function evaluateClassifier(
  logitsOf: (images01: tf.Tensor4D) => tf.Tensor2D,
  set: LabelledImages,
  classes: number[],
  batchSize = 500,
  onProgress?: (done: number, total: number) => void,
): Promise<{ accuracy: number; samples: number }> {
  const index = classIndex(classes);
  const imageSize = set.height * set.width * set.channels;
  let correct = 0;
  let samples = 0;
  for (let start = 0; start < set.count; start += batchSize) {
    const ids = Int32Array.from({ length: Math.min(batchSize, set.count - start) }, (_, i) => start + i).filter((i) => index[set.labels[i]] >= 0);
    if (ids.length === 0) continue;
    const batch = gatherPixels(set.pixels, imageSize, ids);
    const predicted = tf.tidy(() => logitsOf(batchToTensor(batch, set)).argMax(1));
    const values = await predicted.data();
    predicted.dispose();
    ids.forEach((id, j) => (correct += values[j] === index[set.labels[id]] ? 1 : 0));
    samples += ids.length;
    onProgress?.(Math.min(start + batchSize, set.count), set.count);
  }
  return { accuracy: correct / samples, samples };
}
