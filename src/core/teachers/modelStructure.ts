import * as tf from '@tensorflow/tfjs';

/**
 * A LayersModel seen through its nested Sequentials. Teachable Machine (and Keras transfer
 * learning in general) nests a base model and a head as Sequentials inside a Sequential, so
 * the top-level layers are two opaque models: their softmax and their Dense layers are only
 * visible one level down. Re-applying the inner layers, in order, to one new input gives a
 * functional model over the same weights in which every leaf layer has an output to read.
 */
export interface ModelStructure {
  /** The graph to read features and outputs from (the model itself when nothing is nested). */
  graph: tf.LayersModel;
  /** Leaf layers in order, nested models opened. */
  leaves: tf.layers.Layer[];
  /** Each leaf's output in `graph`, by layer name. */
  outputOf(name: string): tf.SymbolicTensor | undefined;
}

const isNestedSequential = (layer: tf.layers.Layer): layer is tf.Sequential => layer instanceof tf.Sequential;

function leavesOf(layers: tf.layers.Layer[]): tf.layers.Layer[] {
  return layers.flatMap((l) => (isNestedSequential(l) ? leavesOf(l.layers) : [l]));
}

export function modelStructure(model: tf.LayersModel): ModelStructure {
  const nested = model instanceof tf.Sequential && model.layers.some(isNestedSequential);
  if (!nested) {
    const byName = new Map(model.layers.map((l) => [l.name, l]));
    return { graph: model, leaves: model.layers, outputOf: (name) => byName.get(name)?.output as tf.SymbolicTensor | undefined };
  }
  const leaves = leavesOf(model.layers);
  const input = tf.input({ shape: model.inputs[0].shape.slice(1) as number[] });
  const outputs = new Map<string, tf.SymbolicTensor>();
  let x = input;
  for (const layer of leaves) {
    x = layer.apply(x) as tf.SymbolicTensor;
    outputs.set(layer.name, x);
  }
  const graph = tf.model({ inputs: input, outputs: x, name: `${model.name}_flat` });
  return { graph, leaves, outputOf: (name) => outputs.get(name) };
}

/** Layers that pass values on without learning a representation of their own. */
const PASSIVE = new Set(['Activation', 'Softmax', 'Dropout', 'SpatialDropout1D', 'GaussianDropout', 'GaussianNoise', 'AlphaDropout', 'ReLU', 'LeakyReLU', 'Flatten', 'Reshape']);

/** The layer making the model's output: the last leaf, unless only activations and dropout follow it. */
function outputLayerIndex(leaves: tf.layers.Layer[]): number {
  let i = leaves.length - 1;
  while (i > 0 && PASSIVE.has(leaves[i].getClassName())) i--;
  return i;
}

const activationOf = (layer: tf.layers.Layer): unknown => (layer.getConfig() as { activation?: unknown }).activation;

/** Whether a softmax ends the model, looked for through nested models, activations and a Softmax layer. */
export function endsInSoftmax(leaves: tf.layers.Layer[]): boolean {
  return leaves.slice(outputLayerIndex(leaves)).some((l) => l.getClassName() === 'Softmax' || activationOf(l) === 'softmax');
}

/**
 * The default feature layer: the last Dense or pooling layer before the output layer,
 * skipping dropout and activations; failing that, the last layer before the output that is
 * not passive.
 */
export function guessFeatureLayer(leaves: tf.layers.Layer[]): string {
  const out = outputLayerIndex(leaves);
  const before = leaves.slice(0, out);
  const representation = [...before].reverse().find((l) => l.getClassName() === 'Dense' || /Pooling/.test(l.getClassName()));
  const active = [...before].reverse().find((l) => !PASSIVE.has(l.getClassName()));
  return (representation ?? active ?? before[before.length - 1] ?? leaves[0]).name;
}

/**
 * Checks what the output holds on sample inputs: rows that are non-negative and sum to 1 are
 * probabilities. The structure says what the model was built to give; this says what it gives.
 */
export async function rowsAreProbabilities(output: tf.Tensor2D): Promise<boolean> {
  const [rows] = output.shape;
  if (rows === 0) return false;
  // Read asynchronously: a synchronous read on WebGPU goes through a canvas and can lose the device.
  const stats = tf.tidy(() => tf.stack([output.min(), output.sum(1).sub(1).abs().max()]));
  const [min, worst] = await stats.data();
  stats.dispose();
  return min >= 0 && worst < 1e-3;
}
