import * as tf from '@tensorflow/tfjs';

type Initializer = ReturnType<typeof tf.initializers.glorotUniform>;

/** The student: a compact CNN backbone giving h(x), and one head (joint) or one per teacher. */
export interface Student {
  model: tf.LayersModel;
  featureSize: number;
  heads: number;
}

const seeded = (seed: number) => (i: number): Initializer => tf.initializers.glorotUniform({ seed: seed * 131 + i });

/**
 * conv(w)-pool-conv(2w)-pool-fc(8w). Conv layers use relu so that tfjs keeps them on the
 * patched Conv2D gradient (a linear conv would need the kernel wasm lacks).
 */
export function buildStudent(shape: { height: number; width: number; channels: number }, width: number, headSizes: number[], seed: number): Student {
  const init = seeded(seed);
  const input = tf.input({ shape: [shape.height, shape.width, shape.channels], name: 'image' });
  const layers: tf.layers.Layer[] = [
    tf.layers.conv2d({ filters: width, kernelSize: 3, activation: 'relu', kernelInitializer: init(0), name: 'conv1' }),
    tf.layers.maxPooling2d({ poolSize: 2 }),
    tf.layers.conv2d({ filters: 2 * width, kernelSize: 3, activation: 'relu', kernelInitializer: init(1), name: 'conv2' }),
    tf.layers.maxPooling2d({ poolSize: 2 }),
    tf.layers.flatten(),
    tf.layers.dense({ units: 8 * width, activation: 'relu', kernelInitializer: init(2), name: 'features' }),
  ];
  const features = layers.reduce((t, l) => l.apply(t) as tf.SymbolicTensor, input);
  const heads = headSizes.map(
    (size, k) => tf.layers.dense({ units: size, kernelInitializer: init(10 + k), name: `head${k}` }).apply(features) as tf.SymbolicTensor,
  );
  const model = tf.model({ inputs: input, outputs: [features, ...heads], name: 'student' });
  return { model, featureSize: 8 * width, heads: headSizes.length };
}

/** The student's own input normalisation: [0, 1] -> [-1, 1]. */
export function studentInput(images01: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => images01.mul(2).sub(1));
}

export function runStudent(student: Student, images01: tf.Tensor4D, training: boolean): { features: tf.Tensor2D; heads: tf.Tensor2D[] } {
  const [features, ...heads] = student.model.apply(studentInput(images01), { training }) as tf.Tensor2D[];
  return { features, heads };
}
