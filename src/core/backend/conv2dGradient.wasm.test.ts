import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../node/wasmBackend';
import { seededRandom, type Random } from '../random';
import { conv2dGradConfig, conv2dGradients, type Conv2DAttrs, type FilterGradientMethod, type InputGradientMethod } from './conv2dGradient';
import { randomArray, randomCase, relErr, TOL, type RandomCase } from './conv2dGradient.testutil';

/**
 * The wasm backend has no Conv2DBackpropFilter kernel, so there is no stock wasm gradient to
 * compare with: references are the stock gradients on cpu, computed before the patch is
 * installed. Error measure (relErr): max|a - b| / max(1, max|b|), b the cpu reference.
 */
type Case = RandomCase;

const cases: Case[] = [
  { shape: [2, 7, 7, 3], kernel: [3, 3, 3, 2], strides: [2, 2], pad: 'same' },
  { shape: [1, 9, 5, 2], kernel: [4, 4, 2, 3], strides: [2, 2], pad: 'same' },
  { shape: [1, 2, 3, 2], kernel: [5, 5, 2, 2], strides: [1, 1], pad: 'same' },
  { shape: [2, 9, 8, 2], kernel: [4, 3, 2, 3], strides: [3, 2], pad: 'valid' },
  ...Array.from({ length: 30 }, ((rng) => () => randomCase(rng))(seededRandom(4242))),
];

interface Ref {
  x: Float32Array;
  filter: Float32Array;
  dy: Float32Array;
  dx: Float32Array;
  df: Float32Array;
}

/** Stock cpu gradients of sum(conv2d(x, f) * dy), plus the inputs that produced them. */
function stockRef(c: Case, rng: Random): Ref {
  return tf.tidy(() => {
    const x = tf.tensor4d(randomArray(tf.util.sizeFromShape(c.shape), rng), c.shape);
    const filter = tf.tensor4d(randomArray(tf.util.sizeFromShape(c.kernel), rng), c.kernel);
    const outShape = tf.conv2d(x, filter, c.strides, c.pad).shape;
    const dy = tf.tensor4d(randomArray(tf.util.sizeFromShape(outShape), rng), outShape);
    const [dx, df] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad), dy)))([x, filter]);
    const arr = (t: tf.Tensor) => t.dataSync() as Float32Array;
    return { x: arr(x), filter: arr(filter), dy: arr(dy), dx: arr(dx), df: arr(df) };
  });
}

/** conv (stride 2, same, odd size) relu -> conv (valid) relu -> dense, as a wasm user would build. */
function smallConvNet(): tf.Sequential {
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [9, 9, 2], filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: init(1), biasInitializer: 'ones' }),
      tf.layers.conv2d({ filters: 3, kernelSize: [2, 3], padding: 'valid', activation: 'relu', kernelInitializer: init(2), biasInitializer: 'ones' }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 2, kernelInitializer: init(3) }),
    ],
  });
}

function modelGrads(model: tf.LayersModel, xs: tf.Tensor, ys: tf.Tensor): Map<string, Float32Array> {
  const arrays = tf.tidy(() => {
    const { grads } = tf.variableGrads(() => tf.losses.meanSquaredError(ys, model.apply(xs) as tf.Tensor) as tf.Scalar);
    return Object.entries(grads).map(([name, g]) => ({ name, values: g.dataSync() as Float32Array }));
  });
  return new Map(arrays.map(({ name, values }) => [name, values]));
}

const refs: Ref[] = [];
let model: tf.Sequential;
let xs: tf.Tensor;
let ys: tf.Tensor;
let modelRef: Map<string, Float32Array>;

beforeAll(async () => {
  await tf.setBackend('cpu');
  expect(tf.getGradient('Conv2D')).not.toBe(conv2dGradConfig);
  const rng = seededRandom(11);
  for (const c of cases) refs.push(stockRef(c, rng));
  model = smallConvNet();
  xs = tf.tensor4d(randomArray(4 * 9 * 9 * 2, rng), [4, 9, 9, 2]);
  ys = tf.tensor2d(randomArray(4 * 2, rng), [4, 2]);
  modelRef = modelGrads(model, xs, ys);
  expect(await useNodeBackend('wasm')).toBe('wasm'); // installs the patched gradient
});

describe('Conv2D gradient on wasm', () => {
  it('runs on wasm with the patch installed', () => {
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.getGradient('Conv2D')).toBe(conv2dGradConfig);
  });

  // 'transpose' exercises wasm's own Conv2DBackpropInput kernel, 'conv' the default on wasm;
  // dW by each method ('rows' is the wasm-only JS kernel of wasmIm2Rows.ts).
  const methods: [InputGradientMethod, FilterGradientMethod][] = [['conv', 'conv'], ['transpose', 'im2col'], ['conv', 'im2col'], ['conv', 'rows']];
  it.each(methods)('conv2dGradients on wasm matches the cpu stock gradients (dx by %s, dW by %s)', (method, filterMethod) => {
    cases.forEach((c, i) => {
      const r = refs[i];
      tf.tidy(() => {
        const x = tf.tensor4d(r.x, c.shape);
        const filter = tf.tensor4d(r.filter, c.kernel);
        const dy = tf.tensor4d(r.dy, tf.conv2d(x, filter, c.strides, c.pad).shape);
        const attrs: Conv2DAttrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', dilations: 1 };
        const { dx, dfilter } = conv2dGradients(dy, x, filter, attrs, method, filterMethod);
        const label = `x=${c.shape} k=${c.kernel} s=${c.strides} ${c.pad}`;
        expect(relErr(dx.dataSync(), r.dx), `dx ${label}`).toBeLessThan(TOL);
        expect(relErr(dfilter.dataSync(), r.df), `dfilter ${label}`).toBeLessThan(TOL);
      });
    });
  });

  it('a small conv model has the cpu stock gradients on wasm, without leaks', async () => {
    const before = tf.memory().numTensors;
    let grads = new Map<string, Float32Array>();
    const profile = await tf.profile(() => {
      grads = modelGrads(model, xs, ys);
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(profile.kernelNames).not.toContain('Conv2DBackpropInput'); // dx by forward conv on wasm
    expect([...grads.keys()].sort()).toEqual([...modelRef.keys()].sort());
    for (const [name, g] of grads) {
      expect(relErr(g, modelRef.get(name)!), name).toBeLessThan(TOL);
    }
  });

  /** The kernels that one conv's forward pass and filter gradient ran, by default (checking for leaks), on a [batch, size, size, channels] input. */
  async function filterKernels(batch: number, size: number, channels: number): Promise<string[]> {
    const x = tf.ones([batch, size, size, channels]) as tf.Tensor4D;
    const filter = tf.ones([3, 3, channels, 2]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const profile = await tf.profile(() => {
      tf.dispose(tf.grad((f: tf.Tensor) => tf.sum(tf.conv2d(x, f as tf.Tensor4D, 1, 'valid')))(filter));
    });
    expect(tf.memory().numTensors, 'tensors left behind').toBe(before);
    tf.dispose([x, filter]);
    return profile.kernels.map((k) => k.name);
  }

  it('takes the rows kernel for one input channel under 100,000 positions, im2col above, the conv for more channels', async () => {
    const rows = await filterKernels(4, 28, 1); // 2,704 positions
    expect(rows).toContain('CkaIm2Rows');
    expect(rows.filter((k) => k === 'Conv2D')).toHaveLength(1); // the forward pass only
    const im2col = await filterKernels(160, 27, 1); // 100,000 positions
    expect(im2col).not.toContain('CkaIm2Rows');
    expect(im2col).toContain('Concat');
    const conv = await filterKernels(4, 13, 4);
    expect(conv).not.toContain('CkaIm2Rows');
    expect(conv.filter((k) => k === 'Conv2D')).toHaveLength(2);
  });

  it('trains the model on wasm: sgd lowers the loss', async () => {
    model.compile({ optimizer: tf.train.sgd(0.05), loss: 'meanSquaredError' });
    const losses: number[] = [];
    for (let step = 0; step < 8; step++) losses.push((await model.trainOnBatch(xs, ys)) as number);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[losses.length - 1]).toBeLessThan(0.8 * losses[0]);
  });
});
