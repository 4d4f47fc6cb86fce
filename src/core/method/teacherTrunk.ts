import * as tf from '@tensorflow/tfjs';
import type { Teacher } from '../teachers/loadTeacher';
import { modelStructure } from '../teachers/modelStructure';
import type { InputSpec } from '../teachers/teacherMetadata';

/**
 * A student trunk copied from one teacher (RunConfig.studentTrunk): new layers with the
 * teacher's configs and a copy of its weights, from its input to its feature layer, laid into
 * the student's own graph. The teacher is never touched: the student trains its own variables.
 * Every layer stays a plain tfjs layer (no custom class), so an exported student still loads
 * in plain tfjs.
 */
export interface TeacherTrunk {
  teacher: Teacher;
  /** Frozen: the copy is not trained, and runs in inference mode (batch norm uses its moving statistics, dropout is off). */
  frozen: boolean;
}

export class TeacherTrunkError extends Error {
  constructor(teacher: string, why: string) {
    super(`the student's trunk cannot be copied from teacher ${teacher}: ${why}`);
    this.name = 'TeacherTrunkError';
  }
}

/** Names of the copied layers: the teacher's, prefixed, so they never clash with the student's own (a zoo teacher's feature layer is also 'features'). */
export const TRUNK_PREFIX = 'trunk_';
/** The copy of the teacher's feature layer, inside the student. */
export const trunkFeatureLayer = (teacher: Teacher): string => TRUNK_PREFIX + teacher.metadata.featureLayer;

/** One layer of the model's JSON topology: which layer outputs (by name and tensor index) feed it. */
interface LayerTopology {
  name: string;
  inbound_nodes: [string, number, number, unknown?][][];
}

/** The teacher's graph from its input to its feature layer, over its own layers (nested Sequentials opened). */
function teacherToFeatures(teacher: Teacher): tf.LayersModel {
  const structure = modelStructure(teacher.model);
  const out = structure.outputOf(teacher.metadata.featureLayer);
  if (!out) {
    // A GraphModel teacher (graphTeacher.ts) names a graph node, inside one opaque layer: nothing to copy layer by layer.
    throw new TeacherTrunkError(teacher.metadata.id, `its feature layer "${teacher.metadata.featureLayer}" is not one of its tfjs layers (a graph model's nodes cannot be copied); pick another teacher or the scratch trunk`);
  }
  return tf.model({ inputs: structure.graph.inputs, outputs: out });
}

/** A new layer of the same class and config, trainable, under the trunk's name. */
function freshCopy(layer: tf.layers.Layer, teacher: string): tf.layers.Layer {
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[layer.getClassName()];
  if (!entry || layer instanceof tf.LayersModel) {
    throw new TeacherTrunkError(teacher, `its layer ${layer.name} (${layer.getClassName()}) is not a plain tfjs layer (a graph model or a nested model cannot be copied layer by layer)`);
  }
  const config: tf.serialization.ConfigDict = { ...layer.getConfig(), name: TRUNK_PREFIX + layer.name, trainable: true };
  delete config.batchInputShape;
  delete config.inputShape;
  const [cls, fromConfig] = entry;
  return fromConfig(cls, config) as tf.layers.Layer;
}

/**
 * Row i of the [from, to] matrix that resizes one axis the way tf.image.resizeBilinear does
 * (alignCorners and halfPixelCenters false, as every teacher's own input is resized in
 * preprocess.ts): output i reads input i * from / to, between its two nearest pixels.
 */
export function bilinearMatrix(from: number, to: number): number[][] {
  const m = Array.from({ length: from }, () => new Array<number>(to).fill(0));
  for (let i = 0; i < to; i++) {
    const at = (i * from) / to;
    const lo = Math.floor(at);
    const hi = Math.min(lo + 1, from - 1);
    m[lo][i] += 1 - (at - lo);
    m[hi][i] += at - lo;
  }
  return m;
}

/**
 * A bilinear resize made of plain layers (tfjs 4.22's Resizing layer gets its own output
 * shape wrong in a functional graph): the resize is separable, so a fixed Dense over the
 * width, then one over the height, each with the axis moved last by a Permute.
 */
function bilinearResize(x: tf.SymbolicTensor, height: number, width: number): { output: tf.SymbolicTensor; fixed: tf.layers.Layer[] } {
  const [, fromHeight, fromWidth] = x.shape as number[];
  const alongWidth = tf.layers.dense({ units: width, useBias: false, name: `${TRUNK_PREFIX}input_resize_width` });
  const alongHeight = tf.layers.dense({ units: height, useBias: false, name: `${TRUNK_PREFIX}input_resize_height` });
  const steps: tf.layers.Layer[] = [
    tf.layers.permute({ dims: [3, 1, 2], name: `${TRUNK_PREFIX}input_resize_chw` }),
    alongWidth,
    tf.layers.permute({ dims: [1, 3, 2], name: `${TRUNK_PREFIX}input_resize_cwh` }),
    alongHeight,
    tf.layers.permute({ dims: [3, 2, 1], name: `${TRUNK_PREFIX}input_resize_hwc` }),
  ];
  const output = steps.reduce((t, l) => l.apply(t) as tf.SymbolicTensor, x);
  alongWidth.setWeights([tf.tensor2d(bilinearMatrix(fromWidth, width))]);
  alongHeight.setWeights([tf.tensor2d(bilinearMatrix(fromHeight, height))]);
  return { output, fixed: steps };
}

/**
 * The teacher's own preprocessing, as layers, on the student's input (pixels in [-1, 1],
 * ./student.ts studentInput): one fixed dense layer over the channels maps each pixel to
 * the teacher's scaling ((p01 - mean) / std, with p01 = (s + 1) / 2) and its channel count
 * (gray to R = G = B, colour to the mean of R, G, B, as toModelInput does), then a resize to
 * the teacher's input size where it differs. Both are affine per pixel with weights that sum
 * to 1, so their order does not change the result.
 */
function teacherInputPath(x: tf.SymbolicTensor, spec: InputSpec): { output: tf.SymbolicTensor; fixed: tf.layers.Layer[] } {
  const [, height, width, channels] = x.shape as number[];
  const scale = 1 / (2 * spec.std);
  const kernel = Array.from({ length: channels }, (_, i) =>
    Array.from({ length: spec.channels }, (_, j) => (channels === spec.channels ? (i === j ? scale : 0) : spec.channels === 3 ? scale : scale / channels)),
  );
  const bias = new Array<number>(spec.channels).fill((0.5 - spec.mean) / spec.std);
  const scaling = tf.layers.dense({ units: spec.channels, name: `${TRUNK_PREFIX}input_scaling` });
  let output = scaling.apply(x) as tf.SymbolicTensor;
  scaling.setWeights([tf.tensor2d(kernel), tf.tensor1d(bias)]);
  const fixed: tf.layers.Layer[] = [scaling];
  if (height !== spec.height || width !== spec.width) {
    const resize = bilinearResize(output, spec.height, spec.width);
    output = resize.output;
    fixed.push(...resize.fixed);
  }
  return { output, fixed };
}

/**
 * Lays a copy of the teacher's layers, input to feature layer, onto `input` (the student's
 * image input, [-1, 1]); gives the flattened features. The copies take the teacher's weights
 * (tfjs tensors are immutable and a variable's update replaces its value, so the teacher's
 * variables keep theirs whatever the student does).
 */
export function applyTeacherTrunk(input: tf.SymbolicTensor, { teacher, frozen }: TeacherTrunk): tf.SymbolicTensor {
  const id = teacher.metadata.id;
  const source = teacherToFeatures(teacher);
  const topology = (source.toJSON(null, false) as unknown as { config: { layers: LayerTopology[]; input_layers: [string, number, number][]; output_layers: [string, number, number][] } }).config;
  const path = teacherInputPath(input, teacher.metadata.input);
  const outputs = new Map<string, tf.SymbolicTensor[]>(topology.input_layers.map(([name]) => [name, [path.output]]));
  const copies: tf.layers.Layer[] = [...path.fixed];
  for (const { name, inbound_nodes: nodes } of topology.layers) {
    if (outputs.has(name)) continue;
    if (nodes.length !== 1) throw new TeacherTrunkError(id, `its layer ${name} is used ${nodes.length} times (shared layers are not copied)`);
    const inputs = nodes[0].map(([from, , tensor]) => outputs.get(from)![tensor]);
    const original = source.getLayer(name);
    const copy = freshCopy(original, id);
    const out = copy.apply(inputs.length === 1 ? inputs[0] : inputs);
    outputs.set(name, Array.isArray(out) ? (out as tf.SymbolicTensor[]) : [out as tf.SymbolicTensor]);
    copy.setWeights(original.getWeights());
    copies.push(copy);
  }
  path.fixed.forEach((l) => (l.trainable = false));
  if (frozen) copies.forEach((l) => (l.trainable = false));
  const [last, , tensor] = topology.output_layers[0];
  const features = outputs.get(last)![tensor];
  return features.shape.length > 2 ? (tf.layers.flatten({ name: `${TRUNK_PREFIX}flatten` }).apply(features) as tf.SymbolicTensor) : features;
}
