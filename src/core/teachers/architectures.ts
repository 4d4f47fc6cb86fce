import * as tf from '@tensorflow/tfjs';

type Initializer = ReturnType<typeof tf.initializers.glorotUniform>;

/**
 * Classifier architectures for the teacher zoo. They differ in kind, input size and feature
 * size on purpose: amalgamation must cope with heterogeneous teachers. The last two are for
 * 32 x 32 colour images (the emoji set); any of them takes 1 or 3 input channels.
 */
export type ArchitectureId = 'cnn-small' | 'cnn-wide' | 'lenet5' | 'mlp' | 'vgg-mini' | 'resnet-mini';

export const FEATURE_LAYER = 'features';
export const LOGITS_LAYER = 'logits';

interface Architecture {
  inputSize: number;
  describe: string;
  body(x: tf.SymbolicTensor, init: (i: number) => Initializer): tf.SymbolicTensor;
}

const conv = (filters: number, kernelSize: number, init: Initializer) =>
  tf.layers.conv2d({ filters, kernelSize, activation: 'relu', kernelInitializer: init });
const pool = () => tf.layers.maxPooling2d({ poolSize: 2 });
const sameConv = (filters: number, init: Initializer, activation: 'relu' | 'elu' = 'relu') =>
  tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', activation, kernelInitializer: init });
const dense = (units: number, init: Initializer, name?: string) =>
  tf.layers.dense({ units, activation: 'relu', kernelInitializer: init, name });

function chain(x: tf.SymbolicTensor, layers: tf.layers.Layer[]): tf.SymbolicTensor {
  return layers.reduce((t, layer) => layer.apply(t) as tf.SymbolicTensor, x);
}

/**
 * relu(x + elu(conv(relu(conv(x))))): a basic residual block without batch norm, which a net
 * this shallow trains without. The branch ends in elu, not the usual linear conv, because the
 * wasm backend can only train convs with relu or elu fused in (src/core/backend/conv2dGradient.ts);
 * elu still lets the branch subtract from x.
 */
export function residualBlock(x: tf.SymbolicTensor, filters: number, init: (i: number) => Initializer, first: number): tf.SymbolicTensor {
  const branch = chain(x, [sameConv(filters, init(first)), sameConv(filters, init(first + 1), 'elu')]);
  const sum = tf.layers.add().apply([x, branch]) as tf.SymbolicTensor;
  return tf.layers.activation({ activation: 'relu' }).apply(sum) as tf.SymbolicTensor;
}

export const architectures: Record<ArchitectureId, Architecture> = {
  'cnn-small': {
    inputSize: 28,
    describe: 'conv16-pool-conv32-pool-fc64',
    body: (x, init) => chain(x, [conv(16, 3, init(0)), pool(), conv(32, 3, init(1)), pool(), tf.layers.flatten(), dense(64, init(2), FEATURE_LAYER)]),
  },
  'cnn-wide': {
    inputSize: 28,
    describe: 'conv32-pool-conv64-pool-fc128',
    body: (x, init) => chain(x, [conv(32, 3, init(0)), pool(), conv(64, 3, init(1)), pool(), tf.layers.flatten(), dense(128, init(2), FEATURE_LAYER)]),
  },
  lenet5: {
    inputSize: 32,
    describe: 'LeNet-5 on 32x32: conv6(5)-pool-conv16(5)-pool-fc120-fc84',
    body: (x, init) =>
      chain(x, [conv(6, 5, init(0)), pool(), conv(16, 5, init(1)), pool(), tf.layers.flatten(), dense(120, init(2)), dense(84, init(3), FEATURE_LAYER)]),
  },
  mlp: {
    inputSize: 28,
    describe: 'MLP 784-256-96',
    body: (x, init) => chain(x, [tf.layers.flatten(), dense(256, init(0)), dense(96, init(1), FEATURE_LAYER)]),
  },
  'vgg-mini': {
    inputSize: 32,
    describe: 'conv32-conv32-pool-conv64-pool-conv64-pool-fc64, same padding',
    body: (x, init) =>
      chain(x, [sameConv(32, init(0)), sameConv(32, init(1)), pool(), sameConv(64, init(2)), pool(), sameConv(64, init(3)), pool(), tf.layers.flatten(), dense(64, init(4), FEATURE_LAYER)]),
  },
  'resnet-mini': {
    inputSize: 32,
    describe: 'conv24-pool-res24-conv48-pool-res48-gap-fc64 (residual blocks of two 3x3 convs)',
    body: (x, init) => {
      const stem = chain(x, [sameConv(24, init(0)), pool()]);
      const wide = chain(residualBlock(stem, 24, init, 1), [sameConv(48, init(3)), pool()]);
      return chain(residualBlock(wide, 48, init, 4), [tf.layers.globalAveragePooling2d({}), dense(64, init(6), FEATURE_LAYER)]);
    },
  },
};

/**
 * Builds a classifier whose last layer gives logits (no softmax) and whose features layer is
 * named; `channels` 3 for colour input.
 */
export function buildClassifier(id: ArchitectureId, numClasses: number, seed: number, channels = 1): tf.LayersModel {
  const arch = architectures[id];
  const init = (i: number) => tf.initializers.glorotUniform({ seed: seed * 101 + i });
  const input = tf.input({ shape: [arch.inputSize, arch.inputSize, channels] });
  const features = arch.body(input, init);
  const logits = tf.layers.dense({ units: numClasses, kernelInitializer: init(99), name: LOGITS_LAYER }).apply(features);
  return tf.model({ inputs: input, outputs: logits as tf.SymbolicTensor, name: id });
}
