import * as tf from '@tensorflow/tfjs';
import { readModelArtifacts, type ModelFiles } from './modelArtifacts';
import { endsInSoftmax, modelStructure, rowsAreProbabilities, type ModelStructure } from './modelStructure';
import { toModelInput } from './preprocess';
import { TeacherLoadError } from './teacherLoadError';
import type { InputSpec, TeacherMetadata } from './teacherMetadata';
import { errorMessage } from '../errorMessage';

/** What a model's output holds: probabilities (it ends in softmax) or logits. */
export type OutputKind = 'probabilities' | 'logits';

/** A frozen teacher: inference only, from [0, 1] images of the data set's shape. */
export interface Teacher {
  metadata: TeacherMetadata;
  model: tf.LayersModel;
  /** What the model itself outputs; run() gives logits either way. */
  outputs: OutputKind;
  /** Features f_k(x) (flattened) and logits z_k(x); log-probabilities where the model ends in softmax. */
  run(images01: tf.Tensor4D): { features: tf.Tensor2D; logits: tf.Tensor2D };
  /** Class probabilities: the model's own output where it ends in softmax, softmax of its logits otherwise. */
  probabilities(images01: tf.Tensor4D): tf.Tensor2D;
  dispose(): void;
}

async function buildModel(files: ModelFiles): Promise<tf.LayersModel> {
  const artifacts = await readModelArtifacts(files);
  try {
    return await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  } catch (e) {
    throw new TeacherLoadError('model-build', `${files.name} could not be built: ${errorMessage(e)}`);
  }
}

function checkInput(model: tf.LayersModel, spec: InputSpec, name: string): void {
  const shape = model.inputs[0].shape;
  const expected = [spec.height, spec.width, spec.channels];
  if (shape.length !== 4 || shape.slice(1).some((d, i) => d !== expected[i])) {
    throw new TeacherLoadError(
      'input-shape',
      `${name} takes input ${JSON.stringify(shape)}; images must reach it as [batch, ${expected.join(', ')}] (height, width, 1 or 3 channels)`,
    );
  }
}

function featureOutput(structure: ModelStructure, layerName: string, name: string): tf.SymbolicTensor {
  const output = structure.outputOf(layerName);
  if (!output) {
    const names = structure.leaves.map((l) => l.name).join(', ');
    throw new TeacherLoadError('feature-layer', `${name} has no layer "${layerName}"; its layers are: ${names}`);
  }
  return output;
}

/**
 * What the output holds, as the structure says (a softmax anywhere at the end, nested or
 * not) and as a few sample inputs confirm: when they disagree the samples win, since they
 * are what the targets will be made of.
 */
export async function outputKind(both: tf.LayersModel, spec: InputSpec, structural: boolean): Promise<OutputKind> {
  const rows = tf.tidy(() => {
    const x = tf.randomUniform([4, spec.height, spec.width, spec.channels], 0, 1, 'float32', 13);
    const [, out] = both.predict(x.sub(spec.mean).div(spec.std)) as tf.Tensor[];
    return out.reshape([out.shape[0], -1]) as tf.Tensor2D;
  });
  const probabilities = await rowsAreProbabilities(rows);
  rows.dispose();
  if (probabilities !== structural) console.warn(`output ${structural ? 'ends in softmax but its rows are not probabilities' : 'has no softmax but its rows are probabilities'}: read as ${probabilities ? 'probabilities' : 'logits'}`);
  return probabilities ? 'probabilities' : 'logits';
}

export async function loadTeacher(files: ModelFiles, metadata: TeacherMetadata): Promise<Teacher> {
  return loadTeacherDescribed(files, () => metadata);
}

/**
 * Like loadTeacher, for models whose metadata is partly read off the built model (a dropped
 * model without our metadata.json: input shape, output count, feature layer).
 */
export async function loadTeacherDescribed(files: ModelFiles, describe: (structure: ModelStructure) => TeacherMetadata): Promise<Teacher> {
  const model = await buildModel(files);
  try {
    const structure = modelStructure(model);
    const metadata = describe(structure);
    checkInput(model, metadata.input, files.name);
    const outputs = model.outputs[0].shape;
    const classes = outputs[outputs.length - 1];
    if (classes !== metadata.labels.length) {
      throw new TeacherLoadError('label-count', `${files.name} has ${classes} outputs but ${metadata.labels.length} labels`);
    }
    const { graph } = structure;
    const both = tf.model({ inputs: graph.inputs, outputs: [featureOutput(structure, metadata.featureLayer, files.name), graph.outputs[0]] });
    return makeTeacher(metadata, model, both, await outputKind(both, metadata.input, endsInSoftmax(structure.leaves)));
  } catch (e) {
    model.dispose();
    throw e;
  }
}

/** A teacher over `both` (image -> [features, output]); `model` is what it owns and counts. */
export function makeTeacher(metadata: TeacherMetadata, model: tf.LayersModel, both: tf.LayersModel, outputs: OutputKind): Teacher {
  model.trainable = false;
  const softmaxOutput = outputs === 'probabilities';
  return {
    metadata,
    model,
    outputs,
    run(images01) {
      return tf.tidy(() => {
        const [features, out] = both.predict(toModelInput(images01, metadata.input)) as tf.Tensor[];
        const logits = softmaxOutput ? tf.log(tf.add(out, 1e-7)) : out;
        return { features: features.reshape([features.shape[0], -1]) as tf.Tensor2D, logits: logits as tf.Tensor2D };
      });
    },
    probabilities(images01) {
      return tf.tidy(() => {
        const out = (both.predict(toModelInput(images01, metadata.input)) as tf.Tensor[])[1] as tf.Tensor2D;
        return softmaxOutput ? out : tf.softmax(out);
      });
    },
    dispose: () => model.dispose(),
  };
}
