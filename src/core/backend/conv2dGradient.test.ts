import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRandom, type Random } from '../random';
import {
  assertTrainable,
  conv2dGradConfig,
  conv2dGradients,
  findUntrainableConvs,
  installConv2dGradient,
  type Conv2DAttrs,
  type FilterGradientMethod,
  type InputGradientMethod,
} from './conv2dGradient';
import { randomArray, randomCase, relErr, TOL, type ConvShapes } from './conv2dGradient.testutil';

interface Case extends ConvShapes {
  pad: Conv2DAttrs['pad'];
  dimRoundingMode?: Conv2DAttrs['dimRoundingMode'];
}

const attrsOf = (c: Case): Conv2DAttrs =>
  ({ strides: c.strides, pad: c.pad, dataFormat: 'NHWC', dilations: 1, dimRoundingMode: c.dimRoundingMode });
const describeCase = (c: Case) =>
  `x=${c.shape} k=${c.kernel} s=${c.strides} pad=${JSON.stringify(c.pad)} ${c.dimRoundingMode ?? ''}`;
const conv = (x: tf.Tensor, f: tf.Tensor, c: Case) =>
  tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, c.strides, c.pad, 'NHWC', 1, c.dimRoundingMode);
const METHODS: InputGradientMethod[] = ['transpose', 'conv'];
const FILTER_METHODS: FilterGradientMethod[] = ['im2col', 'conv'];

/**
 * The stock gradients are wrong when dimRoundingMode changes the output size: tfjs's Conv2D
 * gradient calls conv2DBackpropInput/Filter without dimRoundingMode, so the kernels assume a
 * truncated output shape that dy does not have. Those cases are checked by the adjoint test.
 */
function stockIsWrong(c: Case): boolean {
  if (c.dimRoundingMode == null) return false;
  const size = (mode?: Case['dimRoundingMode']) =>
    tf.backend_util.computeConv2DInfo(c.shape, c.kernel, c.strides, 1, c.pad, mode).outShape.join();
  return size(c.dimRoundingMode) !== size(undefined);
}

function expectMatchesStock(dx: ArrayLike<number>, df: ArrayLike<number>, i: number): void {
  const c = cases[i];
  if (stockIsWrong(c)) return;
  expect(relErr(dx, stock[i].dx), `dx ${describeCase(c)}`).toBeLessThan(TOL);
  expect(relErr(df, stock[i].df), `dfilter ${describeCase(c)}`).toBeLessThan(TOL);
}

/** Edge cases chosen on purpose, then seeded random ones. */
function makeCases(): Case[] {
  const fixed: Case[] = [
    { shape: [2, 7, 7, 3], kernel: [3, 3, 3, 2], strides: [2, 2], pad: 'same' },
    { shape: [1, 9, 5, 2], kernel: [4, 4, 2, 3], strides: [2, 2], pad: 'same' }, // even kernel: top < bottom
    { shape: [2, 5, 9, 1], kernel: [5, 3, 1, 2], strides: [2, 3], pad: 'same' },
    { shape: [1, 2, 3, 2], kernel: [5, 5, 2, 2], strides: [1, 1], pad: 'same' }, // kernel > input
    { shape: [3, 1, 1, 4], kernel: [4, 2, 4, 1], strides: [3, 3], pad: 'same' },
    { shape: [2, 9, 8, 2], kernel: [4, 3, 2, 3], strides: [3, 2], pad: 'valid' },
    { shape: [1, 6, 7, 2], kernel: [3, 3, 2, 2], strides: [2, 2], pad: 1 }, // truncating output size
    { shape: [2, 5, 6, 1], kernel: [2, 3, 1, 2], strides: [1, 2], pad: [[0, 0], [2, 0], [1, 3], [0, 0]] },
    { shape: [1, 4, 4, 1], kernel: [2, 2, 1, 1], strides: [1, 1], pad: [[0, 0], [3, 1], [0, 4], [0, 0]] }, // pad > kernel
    { shape: [1, 6, 7, 2], kernel: [3, 3, 2, 2], strides: [2, 2], pad: 1, dimRoundingMode: 'ceil' },
    { shape: [2, 6, 5, 1], kernel: [2, 3, 1, 3], strides: [3, 2], pad: 2, dimRoundingMode: 'round' },
  ];
  const rng = seededRandom(20240611);
  return [...fixed, ...Array.from({ length: 80 }, () => randomCase(rng))];
}

interface Data {
  x: tf.Tensor4D;
  filter: tf.Tensor4D;
  dy: tf.Tensor4D;
}

function randomTensor(shape: number[], rng: Random): tf.Tensor {
  return tf.tensor(randomArray(shape.reduce((a, b) => a * b, 1), rng), shape);
}

function makeData(c: Case, rng: Random): Data {
  const x = randomTensor(c.shape, rng) as tf.Tensor4D;
  const filter = randomTensor(c.kernel, rng) as tf.Tensor4D;
  const outShape = conv(x, filter, c).shape;
  return { x, filter, dy: randomTensor(outShape, rng) as tf.Tensor4D };
}

/** Gradients as tfjs computes them through whatever Conv2D gradient is registered. */
function registryGrads(c: Case, d: Data): { dx: Float32Array; df: Float32Array } {
  return tf.tidy(() => {
    const loss = (x: tf.Tensor, f: tf.Tensor) => tf.sum(tf.mul(conv(x, f, c), d.dy));
    const [dx, df] = tf.grads(loss)([d.x, d.filter]);
    return { dx: dx.dataSync() as Float32Array, df: df.dataSync() as Float32Array };
  });
}

const cases = makeCases();
const data: Data[] = [];
const stock: { dx: Float32Array; df: Float32Array }[] = [];

beforeAll(async () => {
  await tf.setBackend('cpu');
  expect(tf.getGradient('Conv2D')).not.toBe(conv2dGradConfig); // references come from the stock gradient
  const rng = seededRandom(7);
  for (const c of cases) data.push(makeData(c, rng));
  data.forEach((d, i) => stock.push(registryGrads(cases[i], d)));
});

describe('conv2dGradients (cpu, before install)', () => {
  it.each(METHODS.flatMap((m) => FILTER_METHODS.map((f) => [m, f] as const)))('matches the stock gradients on edge and random shapes (dx by %s, dW by %s)', (method, filterMethod) => {
    cases.forEach((c, i) => {
      const { dx, dfilter } = conv2dGradients(data[i].dy, data[i].x, data[i].filter, attrsOf(c), method, filterMethod);
      expectMatchesStock(dx.dataSync(), dfilter.dataSync(), i);
      tf.dispose([dx, dfilter]);
    });
  });

  it.each(FILTER_METHODS)('leaks no tensors (dW by %s)', (filterMethod) => {
    const { x, filter, dy } = data[0];
    const before = tf.memory().numTensors;
    const { dx, dfilter } = conv2dGradients(dy, x, filter, attrsOf(cases[0]), 'conv', filterMethod);
    expect(tf.memory().numTensors).toBe(before + 2);
    tf.dispose([dx, dfilter]);
  });

  it.each(METHODS)('satisfies the adjoint identity against the forward conv alone (dx by %s)', (method) => {
    // Conv is linear in x and in filter, so <conv(x', f), dy> = <x', dx> and
    // <conv(x, f'), dy> = <f', dfilter> for any x', f'. This checks against the forward
    // kernel only, independent of the stock backprop kernels.
    const rng = seededRandom(99);
    cases.forEach((c, i) => {
      const { x, filter, dy } = data[i];
      tf.tidy(() => {
        const { dx, dfilter } = conv2dGradients(dy, x, filter, attrsOf(c), method);
        const xr = randomTensor(x.shape, rng) as tf.Tensor4D;
        const fr = randomTensor(filter.shape, rng) as tf.Tensor4D;
        const check = (y: tf.Tensor, probe: tf.Tensor, grad: tf.Tensor, what: string) => {
          const lhs = tf.sum(tf.mul(y, dy)).dataSync()[0];
          const rhs = tf.sum(tf.mul(probe, grad)).dataSync()[0];
          const bound = tf.norm(y).dataSync()[0] * tf.norm(dy).dataSync()[0]; // Cauchy-Schwarz
          expect(Math.abs(lhs - rhs), `${what} ${describeCase(c)}`).toBeLessThan(TOL * Math.max(1, bound));
        };
        check(conv(xr, filter, c), xr, dx, 'dx');
        check(conv(x, fr, c), fr, dfilter, 'dfilter');
      });
    });
  });

  it.each(METHODS)('leaks no tensors (dx by %s)', (method) => {
    const { x, filter, dy } = data[0];
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      conv2dGradients(dy, x, filter, attrsOf(cases[0]), method);
    });
    expect(tf.memory().numTensors).toBe(before);
    // Stricter: outside tidy, only the two returned tensors may remain.
    const { dx, dfilter } = conv2dGradients(dy, x, filter, attrsOf(cases[0]), method);
    expect(tf.memory().numTensors).toBe(before + 2);
    tf.dispose([dx, dfilter]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses unsupported attributes by name', () => {
    const { x, filter, dy } = data[0];
    const base = attrsOf(cases[0]);
    expect(() => conv2dGradients(dy, x, filter, { ...base, dilations: [2, 2] })).toThrow(/dilations/);
    expect(() => conv2dGradients(dy, x, filter, { ...base, dilations: 2 })).toThrow(/dilations/);
    expect(() => conv2dGradients(dy, x, filter, { ...base, dataFormat: 'NCHW' })).toThrow(/dataFormat/);
  });
});

describe('installed Conv2D gradient (cpu)', () => {
  beforeAll(() => {
    installConv2dGradient();
    installConv2dGradient(); // idempotent
  });

  it('is the registered gradient and tf.grads goes through it', async () => {
    expect(tf.getGradient('Conv2D')).toBe(conv2dGradConfig);
    const c = cases[0];
    const profile = await tf.profile(() => {
      registryGrads(c, data[0]);
    });
    expect(profile.kernelNames).not.toContain('Conv2DBackpropFilter');
    expect(profile.kernelNames).toContain('BatchMatMul');
  });

  it('still matches the stock values through tf.grads', () => {
    cases.forEach((c, i) => {
      const ours = registryGrads(c, data[i]);
      expectMatchesStock(ours.dx, ours.df, i);
    });
  });

  it('leaks no tensors through tf.grads', () => {
    const { x, filter } = data[0];
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same')))([x, filter]);
    });
    expect(tf.memory().numTensors).toBe(before);
    // Stricter: outside tidy, only the two returned gradients may remain.
    const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, [2, 3], 'same')))([x, filter]);
    expect(tf.memory().numTensors).toBe(before + 2);
    tf.dispose(grads);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses dilations through tf.grads', () => {
    const x = tf.ones([1, 6, 6, 1]) as tf.Tensor4D;
    const f = tf.ones([2, 2, 1, 1]) as tf.Tensor4D;
    const g = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'valid', 'NHWC', 2)));
    expect(() => g([x, f])).toThrow(/dilations/);
    tf.dispose([x, f]);
  });

  it('trains a conv(relu) -> dense layers model with sgd', async () => {
    const model = tinyModel('relu');
    model.compile({ optimizer: tf.train.sgd(0.05), loss: 'meanSquaredError' });
    const rng = seededRandom(3);
    const xs = randomTensor([16, 6, 6, 1], rng);
    const ys = randomTensor([16, 2], rng);
    const losses: number[] = [];
    const profile = await tf.profile(async () => {
      for (let step = 0; step < 8; step++) losses.push((await model.trainOnBatch(xs, ys)) as number);
    });
    expect(profile.kernelNames).not.toContain('Conv2DBackpropFilter');
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[losses.length - 1]).toBeLessThan(0.8 * losses[0]);
    tf.dispose([xs, ys]);
    model.dispose();
  });
});

function tinyModel(activation: 'relu' | 'linear' | 'tanh' | 'elu', useBias = true): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [6, 6, 1], filters: 4, kernelSize: 3, activation, useBias, name: `conv_${activation}`,
        kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
      }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 2, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
}

describe('findUntrainableConvs / assertTrainable', () => {
  it('flags conv layers whose gradient would bypass the patch', () => {
    expect(findUntrainableConvs(tinyModel('linear'))).toEqual(['conv_linear']);
    expect(findUntrainableConvs(tinyModel('linear', false))).toEqual(['conv_linear']);
    expect(findUntrainableConvs(tinyModel('tanh'))).toEqual(['conv_tanh']);
    expect(findUntrainableConvs(tinyModel('relu'))).toEqual([]);
    expect(findUntrainableConvs(tinyModel('relu', false))).toEqual([]);
    expect(findUntrainableConvs(tinyModel('elu'))).toEqual([]);
  });

  it('flags layers that wasm cannot train at all, and looks inside nested models', () => {
    const inner = tf.sequential({
      layers: [tf.layers.depthwiseConv2d({ inputShape: [6, 6, 2], kernelSize: 3, activation: 'relu', name: 'dw' })],
    });
    const outer = tf.sequential({
      layers: [inner, tf.layers.conv2dTranspose({ filters: 2, kernelSize: 3, activation: 'relu', name: 'up' })],
    });
    expect(findUntrainableConvs(outer)).toEqual(['dw', 'up']);
  });

  it('assertTrainable throws on wasm only, naming the layers', () => {
    const linear = tinyModel('linear');
    expect(() => assertTrainable(linear, 'wasm')).toThrow(/conv_linear.*'relu' or 'elu'/s);
    expect(() => assertTrainable(linear, 'cpu')).not.toThrow();
    expect(() => assertTrainable(tinyModel('relu'), 'wasm')).not.toThrow();
  });
});
