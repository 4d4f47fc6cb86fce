import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../method/testFixtures';
import { matchDroppedFiles } from './droppedFiles';
import { loadDroppedTeacher } from './loadDropped';
import { endsInSoftmax, guessFeatureLayer, modelStructure } from './modelStructure';
import { modelAsFiles, plainModel, tmMetadata, tmShapedModel } from './testModels';

/** Outputs read right: softmax found through nested models, probabilities kept as the model gives them. */
describe('model structure', () => {
  beforeAll(useCpuBackend);

  it('opens nested Sequentials: the softmax and the Dense layers of a TM-shaped model are seen', () => {
    const s = modelStructure(tmShapedModel());
    expect(s.leaves.map((l) => l.name)).toEqual(['conv_pw_13', 'global_average_pooling2d_1', 'dense_Dense1', 'dense_Dense2']);
    expect(endsInSoftmax(s.leaves)).toBe(true);
    expect(guessFeatureLayer(s.leaves)).toBe('dense_Dense1');
    expect(s.outputOf('global_average_pooling2d_1')?.shape).toEqual([null, 6]);
  });

  it('reads a plain model: logits or softmax on its last layer, a separate Softmax layer', () => {
    expect(endsInSoftmax(modelStructure(plainModel('p', false)).leaves)).toBe(false);
    expect(endsInSoftmax(modelStructure(plainModel('p', true)).leaves)).toBe(true);
    const separate = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [4, 4, 1] }), tf.layers.dense({ units: 3 }), tf.layers.softmax()] });
    expect(endsInSoftmax(modelStructure(separate).leaves)).toBe(true);
    const relu = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [4, 4, 1] }), tf.layers.dense({ units: 3 }), tf.layers.activation({ activation: 'relu' })] });
    expect(endsInSoftmax(modelStructure(relu).leaves)).toBe(false);
  });

  it('defaults the feature layer to the Dense layer under Dropout, not the Dropout', () => {
    expect(guessFeatureLayer(modelStructure(plainModel('p', true)).leaves)).toBe('embedding');
  });
});

describe('dropped teachers read right', () => {
  beforeAll(useCpuBackend);

  it('a TM-shaped export: probabilities as the model gives them (1e-4), log-probabilities as targets', async () => {
    const model = tmShapedModel(32, 3);
    const files = await modelAsFiles(model, tmMetadata(['a', 'b', 'c'], 32));
    const { teacher, names } = await loadDroppedTeacher(matchDroppedFiles('tm', files), { id: 'dropped:tm', title: 'tm' });
    expect(teacher.outputs).toBe('probabilities');
    expect(names).toContain('dense_Dense1');
    expect(teacher.metadata.featureLayer).toBe('dense_Dense1');
    const x = tf.randomUniform([5, 28, 28, 1], 0, 1, 'float32', 2) as tf.Tensor4D;
    // TM's own preprocessing: the image at 32 x 32 x 3, then x / 127.5 - 1.
    const own = (model.predict(tf.image.resizeBilinear(x, [32, 32]).tile([1, 1, 1, 3]).mul(2).sub(1)) as tf.Tensor2D).arraySync();
    const { logits, features } = teacher.run(x);
    expect(features.shape).toEqual([5, 8]);
    const shown = teacher.probabilities(x).arraySync();
    const fromTargets = tf.softmax(logits).arraySync();
    const logOwn = logits.arraySync();
    own.forEach((row, i) =>
      row.forEach((p, c) => {
        expect(Math.abs(shown[i][c] - p)).toBeLessThan(1e-4);
        expect(Math.abs(fromTargets[i][c] - p)).toBeLessThan(1e-4);
        expect(logOwn[i][c]).toBeCloseTo(Math.log(p + 1e-7), 4);
      }),
    );
    // Not put through softmax a second time: its rows keep their spread.
    expect(Math.max(...shown[0])).toBeCloseTo(Math.max(...own[0]), 4);
    teacher.dispose();
  });

  it('a plain logits model: its output is taken as logits', async () => {
    const model = plainModel('logit_teacher', false, 5);
    const files = await modelAsFiles(model, { labels: ['0', '1', '2', '3', '4'] });
    const { teacher } = await loadDroppedTeacher(matchDroppedFiles('plain', files), { id: 'dropped:p', title: 'p' });
    expect(teacher.outputs).toBe('logits');
    const x = tf.randomUniform([3, 28, 28, 1], 0, 1, 'float32', 4) as tf.Tensor4D;
    const own = (model.predict(x) as tf.Tensor).arraySync() as number[][];
    const got = teacher.run(x).logits.arraySync();
    own.forEach((row, i) => row.forEach((z, c) => expect(got[i][c]).toBeCloseTo(z, 5)));
    teacher.dispose();
  });
});
