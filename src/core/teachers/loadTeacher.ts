import * as tf from '@tensorflow/tfjs';
import { readModelArtifacts, type ModelFiles } from './modelArtifacts';
import { toModelInput } from './preprocess';
import { TeacherLoadError } from './teacherLoadError';
import type { InputSpec, TeacherMetadata } from './teacherMetadata';
import { errorMessage } from '../errorMessage';

/** A frozen teacher: inference only, from [0, 1] images of the data set's shape. */
export interface Teacher {
  metadata: TeacherMetadata;
  model: tf.LayersModel;
  /** Features f_k(x) (flattened) and logits z_k(x); log-probabilities where the model ends in softmax. */
  run(images01: tf.Tensor4D): { features: tf.Tensor2D; logits: tf.Tensor2D };
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

function endsInSoftmax(model: tf.LayersModel): boolean {
  const last = model.layers[model.layers.length - 1];
  const config = last.getConfig();
  return last.getClassName() === 'Softmax' || config.activation === 'softmax';
}

function featureOutput(model: tf.LayersModel, layerName: string, name: string): tf.SymbolicTensor {
  const layer = model.layers.find((l) => l.name === layerName);
  if (!layer) {
    const names = model.layers.map((l) => l.name).join(', ');
    throw new TeacherLoadError('feature-layer', `${name} has no layer "${layerName}"; its layers are: ${names}`);
  }
  return layer.output as tf.SymbolicTensor;
}

export async function loadTeacher(files: ModelFiles, metadata: TeacherMetadata): Promise<Teacher> {
  return loadTeacherDescribed(files, () => metadata);
}

/**
 * Like loadTeacher, for models whose metadata is partly read off the built model (a dropped
 * model without our metadata.json: input shape, output count, feature layer).
 */
export async function loadTeacherDescribed(files: ModelFiles, describe: (model: tf.LayersModel) => TeacherMetadata): Promise<Teacher> {
  const model = await buildModel(files);
  try {
    const metadata = describe(model);
    checkInput(model, metadata.input, files.name);
    const outputs = model.outputs[0].shape;
    const classes = outputs[outputs.length - 1];
    if (classes !== metadata.labels.length) {
      throw new TeacherLoadError('label-count', `${files.name} has ${classes} outputs but ${metadata.labels.length} labels`);
    }
    const both = tf.model({ inputs: model.inputs, outputs: [featureOutput(model, metadata.featureLayer, files.name), model.outputs[0]] });
    return makeTeacher(metadata, model, both, endsInSoftmax(model));
  } catch (e) {
    model.dispose();
    throw e;
  }
}

/** A teacher over `both` (image -> [features, output]); `model` is what it owns and counts. */
export function makeTeacher(metadata: TeacherMetadata, model: tf.LayersModel, both: tf.LayersModel, softmaxOutput: boolean): Teacher {
  model.trainable = false;
  return {
    metadata,
    model,
    run(images01) {
      return tf.tidy(() => {
        const [features, out] = both.predict(toModelInput(images01, metadata.input)) as tf.Tensor[];
        const logits = softmaxOutput ? tf.log(tf.add(out, 1e-7)) : out;
        return { features: features.reshape([features.shape[0], -1]) as tf.Tensor2D, logits: logits as tf.Tensor2D };
      });
    },
    dispose: () => model.dispose(),
  };
}
