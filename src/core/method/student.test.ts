import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../node/wasmBackend';
import { buildStudent, runStudent, studentArchs } from './student';
import { validateConfig } from './validateConfig';
import { defaultConfig } from './config';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

describe('student architectures', () => {
  it('each takes colour input at the data size and gives 8·width features and the heads', () => {
    for (const arch of studentArchs) {
      const student = buildStudent({ height: 32, width: 32, channels: 3 }, 8, [10, 4], 1, arch);
      const x = tf.zeros([2, 32, 32, 3]) as tf.Tensor4D;
      const { features, heads } = runStudent(student, x, false);
      expect(features.shape, arch).toEqual([2, 64]);
      expect(heads.map((h) => h.shape), arch).toEqual([[2, 10], [2, 4]]);
      tf.dispose([x, features, ...heads]);
      student.model.dispose();
    }
  });

  it('the resnet is deeper, and its size does not grow with the image (small-cnn flattens)', () => {
    const params = (arch: (typeof studentArchs)[number], size: number) => {
      const s = buildStudent({ height: size, width: size, channels: 3 }, 16, [10], 1, arch);
      const n = s.model.countParams();
      const convs = s.model.layers.filter((l) => l.getClassName() === 'Conv2D').length;
      s.model.dispose();
      return { n, convs };
    };
    expect(params('resnet', 32).n).toBe(params('resnet', 64).n);
    expect(params('small-cnn', 64).n).toBeGreaterThan(params('small-cnn', 32).n);
    expect(params('resnet', 32).convs).toBe(6);
    expect(params('small-cnn', 32).convs).toBe(2);
  });

  it('the resnet trains on wasm (every conv keeps a gradient wasm has), and the default stays small-cnn', () => {
    const student = buildStudent({ height: 16, width: 16, channels: 3 }, 4, [3], 2, 'resnet');
    const x = tf.randomUniform([4, 16, 16, 3], 0, 1, 'float32', 5) as tf.Tensor4D;
    const y = tf.oneHot(tf.tensor1d([0, 1, 2, 0], 'int32'), 3);
    const optimizer = tf.train.adam(0.01);
    const loss = () => tf.losses.softmaxCrossEntropy(y, runStudent(student, x, true).heads[0]) as tf.Scalar;
    const before = loss().dataSync()[0];
    for (let i = 0; i < 20; i++) optimizer.minimize(loss);
    expect(loss().dataSync()[0]).toBeLessThan(before * 0.5);
    expect(defaultConfig.studentArch).toBe('small-cnn');
    expect(validateConfig({ ...defaultConfig, studentArch: 'resnet' }).studentArch).toBe('resnet');
    expect(() => validateConfig({ ...defaultConfig, studentArch: 'depthwise' })).toThrow(/studentArch/);
  });
});
