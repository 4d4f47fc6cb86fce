import * as tf from '@tensorflow/tfjs';

/**
 * Projection heads into the common representation space (2-layer MLPs): P_s for the
 * student, P_k per teacher (teacher backbones stay frozen; the P_k train with the student),
 * and, for CFL only, decoders that rebuild each teacher's features from its common feature.
 */
export interface CommonSpace {
  student: tf.Sequential;
  teachers: tf.Sequential[];
  decoders: tf.Sequential[];
}

function mlp(input: number, hidden: number, output: number, seed: number, name: string): tf.Sequential {
  const init = (i: number) => tf.initializers.glorotUniform({ seed: seed * 977 + i });
  return tf.sequential({
    name,
    layers: [
      tf.layers.dense({ inputShape: [input], units: hidden, activation: 'relu', kernelInitializer: init(0) }),
      tf.layers.dense({ units: output, kernelInitializer: init(1) }),
    ],
  });
}

export function buildCommonSpace(studentSize: number, teacherSizes: number[], m: number, withDecoders: boolean, seed: number): CommonSpace {
  const hidden = 128;
  return {
    student: mlp(studentSize, hidden, m, seed, 'P_s'),
    teachers: teacherSizes.map((d, k) => mlp(d, hidden, m, seed + 10 + k, `P_${k}`)),
    decoders: withDecoders ? teacherSizes.map((d, k) => mlp(m, hidden, d, seed + 50 + k, `D_${k}`)) : [],
  };
}

export function commonSpaceWeights(space: CommonSpace): tf.LayerVariable[] {
  return [space.student, ...space.teachers, ...space.decoders].flatMap((m) => m.trainableWeights);
}

export function disposeCommonSpace(space: CommonSpace): void {
  [space.student, ...space.teachers, ...space.decoders].forEach((m) => m.dispose());
}
