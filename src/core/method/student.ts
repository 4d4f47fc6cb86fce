import * as tf from '@tensorflow/tfjs';
import { residualBlock } from '../teachers/architectures';
import { studentArchs, type StudentArch } from './config/schema';
import { applyTeacherTrunk, type TeacherTrunk } from './teacherTrunk';

type Initializer = ReturnType<typeof tf.initializers.glorotUniform>;

/** The student: a compact CNN backbone giving h(x), and one head (joint) or one per teacher. */
export interface Student {
  model: tf.LayersModel;
  featureSize: number;
  heads: number;
  /** A frozen teacher trunk runs in inference mode even while the student trains (see runStudent). */
  frozenTrunk: boolean;
}

const seeded = (seed: number) => (i: number): Initializer => tf.initializers.glorotUniform({ seed: seed * 131 + i });

/** RunConfig.studentArch picks one of these backbones (config/schema.ts lists their names). */
export { studentArchs, type StudentArch };

type Backbone = (input: tf.SymbolicTensor, width: number, init: (i: number) => Initializer) => tf.SymbolicTensor;

const chain = (x: tf.SymbolicTensor, layers: tf.layers.Layer[]) => layers.reduce((t, l) => l.apply(t) as tf.SymbolicTensor, x);
const featuresLayer = (width: number, init: (i: number) => Initializer, at: number) =>
  tf.layers.dense({ units: 8 * width, activation: 'relu', kernelInitializer: init(at), name: 'features' });

/**
 * Conv layers use relu (elu in the residual branches) so that tfjs keeps them on the patched
 * Conv2D gradient (a linear conv would need the kernel wasm lacks).
 */
const backbones: Record<StudentArch, Backbone> = {
  /** conv(w)-pool-conv(2w)-pool-fc(8w): the first student, for 28 x 28 gray digits. */
  'small-cnn': (input, width, init) =>
    chain(input, [
      tf.layers.conv2d({ filters: width, kernelSize: 3, activation: 'relu', kernelInitializer: init(0), name: 'conv1' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 2 * width, kernelSize: 3, activation: 'relu', kernelInitializer: init(1), name: 'conv2' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      featuresLayer(width, init, 2),
    ]),
  /**
   * conv(w)-pool-res(w)-conv(2w)-pool-res(2w)-global average-fc(8w), same padding: deeper at
   * the same width, and its parameter count does not grow with the image size (global pooling
   * instead of flatten), for 32 px colour and larger.
   */
  resnet: (input, width, init) => {
    const conv = (filters: number, i: number, name: string) =>
      tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(i), name });
    const stem = chain(input, [conv(width, 0, 'conv1'), tf.layers.maxPooling2d({ poolSize: 2 })]);
    const wider = chain(residualBlock(stem, width, init, 20), [conv(2 * width, 1, 'conv2'), tf.layers.maxPooling2d({ poolSize: 2 })]);
    return chain(residualBlock(wider, 2 * width, init, 22), [tf.layers.globalAveragePooling2d({}), featuresLayer(width, init, 2)]);
  },
};

export function buildStudent(
  shape: { height: number; width: number; channels: number },
  width: number,
  headSizes: number[],
  seed: number,
  arch: StudentArch = 'small-cnn',
  trunk?: TeacherTrunk,
): Student {
  const init = seeded(seed);
  const input = tf.input({ shape: [shape.height, shape.width, shape.channels], name: 'image' });
  // A teacher's trunk replaces the backbone up to a fresh features layer, so the losses see the same student either way.
  const features = trunk ? (featuresLayer(width, init, 2).apply(applyTeacherTrunk(input, trunk)) as tf.SymbolicTensor) : backbones[arch](input, width, init);
  const heads = headSizes.map(
    (size, k) => tf.layers.dense({ units: size, kernelInitializer: init(10 + k), name: `head${k}` }).apply(features) as tf.SymbolicTensor,
  );
  const model = tf.model({ inputs: input, outputs: [features, ...heads], name: 'student' });
  return { model, featureSize: 8 * width, heads: headSizes.length, frozenTrunk: trunk?.frozen ?? false };
}

/** The student's own input normalisation: [0, 1] -> [-1, 1]. */
export function studentInput(images01: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => images01.mul(2).sub(1));
}

/**
 * `training` switches batch norm and dropout to their training behaviour. A frozen teacher
 * trunk always runs in inference mode (its batch norm must not update its moving statistics);
 * the fresh features layer and heads above it have no such layers, so nothing else changes.
 */
export function runStudent(student: Student, images01: tf.Tensor4D, training: boolean): { features: tf.Tensor2D; heads: tf.Tensor2D[] } {
  const [features, ...heads] = student.model.apply(studentInput(images01), { training: training && !student.frozenTrunk }) as tf.Tensor2D[];
  return { features, heads };
}
