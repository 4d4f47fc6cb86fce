import * as tf from '@tensorflow/tfjs';
import { accuracy } from '../evaluation';
import { batchToTensor } from '../data/imageTensors';
import type { LabelledImages } from '../data/labelledImages';
import { gatherPixels } from '../data/transferSet';
import { runTeachers, type Amalgamation } from './amalgamation';
import { probeTargets } from './batchTargets';
import { unionTestIndices } from './evaluateStudent';
import { dataLabelsToUnion } from './unionLabels';

/**
 * What training-free routing alone gives: the accuracy, on the evaluation set, of the argmax of
 * the target the run's builder makes from the teachers (its fit from the transfer set, no
 * refinement, no student). A student that only inherits its targets scores this; one that adds
 * to them scores more. Concat's figure is the teachers' combined-target ceiling.
 */
export async function routingAccuracy(a: Amalgamation, test: LabelledImages, batchSize = 250): Promise<number> {
  const toUnion = dataLabelsToUnion(test.labelNames, a.union);
  const indices = unionTestIndices(test, toUnion);
  const imageSize = test.height * test.width * test.channels;
  const pseudo = new Int32Array(indices.length);
  const run = (images: tf.Tensor4D) => runTeachers(a.teachers, images);
  for (let start = 0; start < indices.length; start += batchSize) {
    const x = batchToTensor(gatherPixels(test.pixels, imageSize, indices.subarray(start, start + batchSize)), test);
    const labels = tf.tidy(() => probeTargets(a, run(x), x, run).pseudo);
    pseudo.set(await labels.data(), start);
    tf.dispose([x, labels]);
  }
  return accuracy(pseudo, Int32Array.from(indices, (i) => toUnion[test.labels[i]]));
}
