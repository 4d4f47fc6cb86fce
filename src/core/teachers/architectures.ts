import * as tf from '@tensorflow/tfjs';

type Initializer = ReturnType<typeof tf.initializers.glorotUniform>;

/**
 * Classifier architectures for the teacher zoo. They differ in kind, input size and feature
 * size on purpose: amalgamation must cope with heterogeneous teachers.
 */
export type ArchitectureId = 'cnn-small' | 'cnn-wide' | 'lenet5' | 'mlp';

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
const dense = (units: number, init: Initializer, name?: string) =>
  tf.layers.dense({ units, activation: 'relu', kernelInitializer: init, name });

function chain(x: tf.SymbolicTensor, layers: tf.layers.Layer[]): tf.SymbolicTensor {
  return layers.reduce((t, layer) => layer.apply(t) as tf.SymbolicTensor, x);
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
};

/** Builds a classifier whose last layer gives logits (no softmax) and whose features layer is named. */
export function buildClassifier(id: ArchitectureId, numClasses: number, seed: number): tf.LayersModel {
  const arch = architectures[id];
  const init = (i: number) => tf.initializers.glorotUniform({ seed: seed * 101 + i });
  const input = tf.input({ shape: [arch.inputSize, arch.inputSize, 1] });
  const features = arch.body(input, init);
  const logits = tf.layers.dense({ units: numClasses, kernelInitializer: init(99), name: LOGITS_LAYER }).apply(features);
  return tf.model({ inputs: input, outputs: logits as tf.SymbolicTensor, name: id });
}
