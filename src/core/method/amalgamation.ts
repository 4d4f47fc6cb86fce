import * as tf from '@tensorflow/tfjs';
import { augmentImages, DEFAULT_AUGMENT } from '../augment';
import type { Teacher } from '../teachers/loadTeacher';
import type { ImageShape } from '../data/transferSet';
import type { RunConfig } from './config';
import { buildCommonSpace, commonSpaceWeights, disposeCommonSpace, type CommonSpace } from './commonSpace';
import { amalgamationTerms, lossTermNames, needsCommonSpace, weightedTotal, type LossTerms, type TeacherOutputs } from './amalgamationLoss';
import { batchTargets, disposeTargets, fitOnFirstBatch, type TargetSource } from './batchTargets';
import { combineTeacherTargets } from './losses';
import { buildStudent, runStudent, type Student } from './student';
import { supervisedLoss } from './supervisedLoss';
import type { TeacherTrunk } from './teacherTrunk';
import { buildUnionLabels, type UnionLabels } from './unionLabels';

export class NonFiniteLossError extends Error {
  constructor(readonly step: number, readonly terms: LossTerms) {
    super(`loss became ${Object.values(terms).find((v) => !Number.isFinite(v)) ?? 'non-finite'} at step ${step}; weights were not updated`);
    this.name = 'NonFiniteLossError';
  }
}

export interface StepResult {
  step: number;
  total: number;
  terms: LossTerms;
}

/** One amalgamation: frozen teachers, a trainable student and common space, an optimiser, the target builder's fit. */
export interface Amalgamation extends TargetSource {
  config: RunConfig;
  union: UnionLabels;
  teachers: Teacher[];
  student: Student;
  space: CommonSpace;
  optimizer: tf.Optimizer;
  step: number;
}

/** The teacher whose layers start the student's trunk, or none (scratch). */
function trunkOf(config: RunConfig, teachers: Teacher[]): TeacherTrunk | undefined {
  if (config.studentTrunk === 'scratch') return undefined;
  const teacher = teachers[config.studentTrunkTeacher];
  if (!teacher) throw new Error(`studentTrunkTeacher is ${config.studentTrunkTeacher}, but the run has ${teachers.length} teacher(s)`);
  return { teacher, frozen: config.studentTrunk === 'teacher-frozen' };
}

export function createAmalgamation(config: RunConfig, teachers: Teacher[], shape: ImageShape): Amalgamation {
  const union = buildUnionLabels(teachers.map((t) => t.metadata.labels));
  const headSizes = config.taskMode === 'joint' ? [union.names.length] : teachers.map((t) => t.metadata.labels.length);
  const student = buildStudent(shape, config.studentWidth, headSizes, config.seed, config.studentArch, trunkOf(config, teachers));
  const teacherSizes = teachers.map((t) => t.metadata.featureSize);
  const space = buildCommonSpace(student.featureSize, teacherSizes, config.projectionSize, config.weights.cflReconstruction > 0, config.seed);
  const optimizer = config.optimizer === 'adam' ? tf.train.adam(config.learningRate) : tf.train.sgd(config.learningRate);
  return { config, union, teachers, student, space, optimizer, step: 0, ownership: null };
}

export function trainableVariables(a: Amalgamation): tf.Variable[] {
  const common = needsCommonSpace(a.config) ? commonSpaceWeights(a.space) : [];
  return [...a.student.model.trainableWeights, ...common].map((w) => w.read() as tf.Variable);
}

/** Frozen teachers in inference only: their outputs never carry gradients. */
export function runTeachers(teachers: Teacher[], images01: tf.Tensor4D): TeacherOutputs {
  const outs = teachers.map((t) => t.run(images01));
  return { features: outs.map((o) => o.features), logits: outs.map((o) => o.logits) };
}

/** The second view's augmentation seed: fixed by the run's seed and the step, so a resumed run draws the same views. */
function viewSeed(seed: number, step: number): number {
  return (Math.imul(seed + 1, 0x9e3779b1) + step) >>> 0;
}

function termValues(terms: Partial<Record<string, tf.Scalar>>): tf.Tensor1D {
  return tf.stack(lossTermNames.map((n) => terms[n] ?? tf.scalar(0))) as tf.Tensor1D;
}

/**
 * One training step. The loss is read before the update so that a NaN/Inf never reaches the
 * weights. `trueLabels` (union ids) is only for the supervised oracle. `teacherOutputs`, when
 * given (from a TeacherCache), replaces running the teachers on the batch; the caller owns it.
 * `indices` (the batch's transfer indices) let the target builder read its pre-pass per image.
 */
export async function trainStep(a: Amalgamation, images01: tf.Tensor4D, trueLabels?: Int32Array, teacherOutputs?: TeacherOutputs, indices?: ArrayLike<number>): Promise<StepResult> {
  const { config } = a;
  // Checked before the tape: an error thrown inside variableGrads would leak its saved tensors.
  if (config.supervised && trueLabels?.length !== images01.shape[0]) {
    throw new Error(`the supervised oracle needs true labels, one per image (got ${trueLabels?.length ?? 'none'} for ${images01.shape[0]})`);
  }
  const vars = trainableVariables(a);
  const run = (x: tf.Tensor4D) => runTeachers(a.teachers, x);
  fitOnFirstBatch(a, teacherOutputs, images01, run);
  const { value, grads, terms } = tf.tidy(() => {
    const teachers = teacherOutputs ?? run(images01);
    const { target, pseudo } = batchTargets(a, teachers, images01, run, indices);
    const view2 = !config.supervised && config.weights.instanceIntra > 0 ? augmentImages(images01, DEFAULT_AUGMENT, viewSeed(config.seed, a.step)) : null;
    let kept: tf.Tensor1D | undefined;
    const result = tf.variableGrads(() => {
      const { features, heads } = runStudent(a.student, images01, true);
      const studentFeaturesView2 = view2 ? runStudent(a.student, view2, true).features : undefined;
      const parts = config.supervised
        ? { supervised: supervisedLoss(config, a.union, heads, trueLabels) }
        : amalgamationTerms({ config, union: a.union, space: a.space, studentFeatures: features, studentHeads: heads, teachers, target, pseudo, studentFeaturesView2 });
      kept = tf.keep(termValues(parts));
      return weightedTotal(config, parts);
    }, vars);
    return { ...result, terms: kept! };
  });
  const [total, values] = await Promise.all([value.data(), terms.data()]);
  const named = Object.fromEntries(lossTermNames.map((n, i) => [n, values[i]])) as LossTerms;
  tf.dispose([value, terms]);
  if (!Number.isFinite(total[0]) || Object.values(named).some((v) => !Number.isFinite(v))) {
    tf.dispose(grads);
    throw new NonFiniteLossError(a.step, { ...named });
  }
  a.optimizer.applyGradients(grads);
  tf.dispose(grads);
  a.step++;
  return { step: a.step, total: total[0], terms: named };
}

/** Student class probabilities over the union; multi-head students combine their heads like teachers. */
export function predictUnion(a: Amalgamation, images01: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => {
    const { heads } = runStudent(a.student, images01, false);
    if (a.config.taskMode === 'joint') return tf.softmax(heads[0]);
    return combineTeacherTargets(heads, a.union.maps, a.union.names.length, 1, a.config.combiner);
  });
}

export function disposeAmalgamation(a: Amalgamation): void {
  a.student.model.dispose();
  disposeCommonSpace(a.space);
  a.optimizer.dispose();
  disposeTargets(a);
}
