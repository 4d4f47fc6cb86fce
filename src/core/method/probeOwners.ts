import * as tf from '@tensorflow/tfjs';
import { builderOwners, concatWeights, fitOwnership, owners } from '../ownership';
import { runTeachers, type Amalgamation } from './amalgamation';
import { builderOf, evidenceOf } from './batchTargets';

/**
 * The teacher (index into a.teachers) that the run's target builder gives each image of `x`
 * (images from outside the transfer set, such as the probe set): the owner its targets are built
 * from. A run without a builder (multi-head, the oracle) reports concat's owner, the teacher
 * whose tempered logits are loudest. Reads no labels.
 */
export function probeOwners(a: Amalgamation, x: tf.Tensor4D): tf.Tensor1D {
  return tf.tidy(() => {
    const run = (images: tf.Tensor4D) => runTeachers(a.teachers, images);
    const teachers = run(x);
    const spec = builderOf(a.config);
    if (!spec) return owners(concatWeights(teachers.logits, a.config.temperature));
    const evidence = evidenceOf(a, spec, teachers, x, run);
    // Before the pre-pass (a frame taken before the first step) the builder is fitted on these images alone.
    const fit = a.ownership?.fit ?? fitOwnership(spec, evidence, a.config.seed);
    return builderOwners(fit, evidence, a.config.temperature);
  });
}
