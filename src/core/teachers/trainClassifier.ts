import * as tf from '@tensorflow/tfjs';
import { batchToTensor } from '../data/imageTensors';
import type { LabelledImages } from '../data/labelledImages';
import { epochOrder, gatherPixels, orderedBatches } from '../data/transferSet';
import { toModelInput } from './preprocess';
import type { InputSpec } from './teacherMetadata';

/** Supervised training with labels: for teachers, and for the oracle baseline. */
export interface ClassifierTraining {
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  onEpoch?: (epoch: number, meanLoss: number) => void;
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
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    let lossSum = 0;
    let batches = 0;
    for (const slice of orderedBatches(epochOrder(set.count, options.seed, epoch), options.batchSize, false)) {
      const batch = gatherPixels(set.pixels, imageSize, slice);
      const loss = tf.tidy(() => {
        const x = toModelInput(batchToTensor(batch, set), spec);
        const y = labelTensor(set, batch.indices, index, classes.length);
        return optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor), true) as tf.Scalar;
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
  }
  return { accuracy: correct / samples, samples };
}
