import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLabelledImages, selectClasses, takeSamples, type LabelledImages } from '../core/data/labelledImages';
import { batchToTensor } from '../core/data/imageTensors';
import { buildClassifier } from '../core/teachers/architectures';
import { toModelInput } from '../core/teachers/preprocess';
import type { InputSpec } from '../core/teachers/teacherMetadata';
import { evaluateClassifier, trainClassifier } from '../core/teachers/trainClassifier';
import { readDataFileFromDisk } from './dataFiles';
import { useNodeBackend } from './wasmBackend';

const spec: InputSpec = { height: 28, width: 28, channels: 1, mean: 0.1307, std: 0.3081 };
const classes = [0, 1, 2, 3, 4];
const first = (set: LabelledImages, n: number) => takeSamples(set, Int32Array.from({ length: n }, (_, i) => i));

/** Mean over `set` of the classifier's largest softmax probability. */
function meanConfidence(model: tf.LayersModel, set: LabelledImages): number {
  return tf.tidy(() => {
    const logits = model.predict(toModelInput(batchToTensor({ size: set.count, pixels: set.pixels, indices: new Int32Array(set.count) }, set), spec)) as tf.Tensor2D;
    return tf.softmax(logits).max(1).mean().dataSync()[0];
  });
}

async function trained(digits: LabelledImages, outliers: LabelledImages | undefined): Promise<tf.LayersModel> {
  const model = buildClassifier('mlp', classes.length, 3);
  await trainClassifier(model, digits, classes, spec, { epochs: 2, batchSize: 64, learningRate: 1e-3, seed: 3, outliers: outliers && { images: outliers, weight: 0.5 } });
  return model;
}

describe('outlier exposure', () => {
  let digits: LabelledImages;
  let otherDigits: LabelledImages;
  let fashion: LabelledImages;
  let fashionTest: LabelledImages;
  let digitsTest: LabelledImages;

  beforeAll(async () => {
    await useNodeBackend('wasm');
    const [mnist, mnistTest, fashionTrain, fashionTestAll] = await Promise.all([
      loadLabelledImages('mnist', 'train', readDataFileFromDisk),
      loadLabelledImages('mnist', 'test', readDataFileFromDisk),
      loadLabelledImages('fashion-mnist', 'train', readDataFileFromDisk),
      loadLabelledImages('fashion-mnist', 'test', readDataFileFromDisk),
    ]);
    digits = first(selectClasses(mnist, classes), 3000);
    digitsTest = first(selectClasses(mnistTest, classes), 1000);
    otherDigits = first(selectClasses(mnistTest, [5, 6, 7, 8, 9]), 1000);
    fashion = first(fashionTrain, 3000);
    fashionTest = first(fashionTestAll, 1000);
  });

  // The property amalgamation needs: unsure outside its own classes, as sure inside them.
  it('makes a teacher unsure on images of other classes without costing accuracy on its own', async () => {
    const plain = await trained(digits, undefined);
    const exposed = await trained(digits, fashion);
    const conf = (m: tf.LayersModel) => ({ fashion: meanConfidence(m, fashionTest), others: meanConfidence(m, otherDigits) });
    const [before, after] = [conf(plain), conf(exposed)];
    const accuracy = async (m: tf.LayersModel) => (await evaluateClassifier((x) => m.predict(toModelInput(x, spec)) as tf.Tensor2D, digitsTest, classes)).accuracy;
    const [accPlain, accExposed] = [await accuracy(plain), await accuracy(exposed)];
    console.log('mean max-softmax plain / exposed: fashion', before.fashion.toFixed(3), after.fashion.toFixed(3), 'digits 5-9', before.others.toFixed(3), after.others.toFixed(3), 'accuracy', accPlain, accExposed);
    expect(after.fashion).toBeLessThan(0.5); // uniform over 5 classes is 0.2
    expect(before.fashion - after.fashion).toBeGreaterThan(0.3);
    expect(before.others - after.others).toBeGreaterThan(0.05); // unseen digits: less, but some
    expect(accExposed).toBeGreaterThan(accPlain - 0.02);
    plain.dispose();
    exposed.dispose();
  });
});
