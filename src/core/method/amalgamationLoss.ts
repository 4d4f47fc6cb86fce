import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from './config';
import type { CommonSpace } from './commonSpace';
import { needsCommonSpace, teacherKdApplies } from './config/lossUse';
import {
  alignmentLoss,
  combineTeacherTargets,
  commonFeatureMmd,
  instanceInterLoss,
  instanceIntraLoss,
  interContrastiveLoss,
  intraContrastiveLoss,
  l2Normalize,
  pseudoLabelsJoint,
  pseudoLabelsMultiHead,
  reconstructionMse,
  softTargetLossJoint,
  softTargetLossMultiHead,
  softTargetLossPerTeacher,
} from './losses';
import type { UnionLabels } from './unionLabels';

export const lossTermNames = ['kd', 'teacherKd', 'intra', 'inter', 'align', 'instanceInter', 'instanceIntra', 'cflMmd', 'cflReconstruction', 'supervised'] as const;
export type LossTermName = (typeof lossTermNames)[number];
export type LossTerms = Record<LossTermName, number>;

/** What the frozen teachers said about a batch (computed outside the gradient tape). */
export interface TeacherOutputs {
  features: tf.Tensor2D[];
  logits: tf.Tensor2D[];
}

/** The soft target and pseudo-labels of a batch; no ground truth is involved. */
export function teacherTargets(config: RunConfig, union: UnionLabels, teachers: TeacherOutputs): { target: tf.Tensor2D; pseudo: tf.Tensor1D } {
  return tf.tidy(() => {
    const target = combineTeacherTargets(teachers.logits, union.maps, union.names.length, config.temperature, config.combiner);
    const pseudo = config.taskMode === 'joint' ? pseudoLabelsJoint(target) : pseudoLabelsMultiHead(teachers.logits, union.maps);
    return { target, pseudo };
  });
}

const uses = (w: number) => w > 0;

export { needsCommonSpace };

interface LossInputs {
  config: RunConfig;
  space: CommonSpace;
  studentFeatures: tf.Tensor2D;
  studentHeads: tf.Tensor2D[];
  teachers: TeacherOutputs;
  target: tf.Tensor2D;
  pseudo: tf.Tensor1D;
  union: UnionLabels;
  /** The student's features of a second, augmented view of the batch; only the two-view term reads it. */
  studentFeaturesView2?: tf.Tensor2D;
}

function softTarget({ config, studentHeads, teachers, target }: LossInputs): tf.Scalar {
  return config.taskMode === 'joint'
    ? softTargetLossJoint(studentHeads[0], target, config.temperature)
    : softTargetLossMultiHead(studentHeads, teachers.logits, config.temperature);
}

function contrastive(inputs: LossInputs, terms: Partial<Record<LossTermName, tf.Scalar>>): void {
  const { config, space, studentFeatures, teachers, pseudo } = inputs;
  const w = config.weights;
  const common = space.student.apply(studentFeatures) as tf.Tensor2D;
  const teacherCommon = teachers.features.map((f, k) => space.teachers[k].apply(f) as tf.Tensor2D);
  if ([w.intra, w.inter, w.align, w.instanceInter, w.instanceIntra].some(uses)) {
    const v = l2Normalize(common);
    const us = teacherCommon.map((u) => l2Normalize(u));
    if (uses(w.intra)) terms.intra = intraContrastiveLoss(v, us, pseudo, config.tau);
    if (uses(w.inter)) terms.inter = interContrastiveLoss(v, us, pseudo, config.tau);
    if (uses(w.align)) terms.align = alignmentLoss(v, us, config.tauAlign, config.alignVariant);
    if (uses(w.instanceInter)) terms.instanceInter = instanceInterLoss(v, us, config.tau);
    if (uses(w.instanceIntra)) terms.instanceIntra = instanceIntraLoss(v, l2Normalize(space.student.apply(secondView(inputs)) as tf.Tensor2D), config.tau);
  }
  if (uses(w.cflMmd)) terms.cflMmd = tf.addN(teacherCommon.map((h) => commonFeatureMmd(common, h)));
  if (uses(w.cflReconstruction)) {
    terms.cflReconstruction = tf.addN(teacherCommon.map((h, k) => reconstructionMse(space.decoders[k].apply(h) as tf.Tensor, teachers.features[k])));
  }
}

function secondView({ studentFeaturesView2 }: LossInputs): tf.Tensor2D {
  if (!studentFeaturesView2) throw new Error('the instance two-view term needs the student features of a second view (studentFeaturesView2)');
  return studentFeaturesView2;
}

/** Every active term of the total loss, by name; the total is their weighted sum. */
export function amalgamationTerms(inputs: LossInputs): Partial<Record<LossTermName, tf.Scalar>> {
  const terms: Partial<Record<LossTermName, tf.Scalar>> = {};
  if (uses(inputs.config.weights.kd)) terms.kd = softTarget(inputs);
  if (uses(inputs.config.weights.teacherKd) && teacherKdApplies(inputs.config)) {
    terms.teacherKd = softTargetLossPerTeacher(inputs.studentHeads[0], inputs.teachers.logits, inputs.union.maps, inputs.config.temperature);
  }
  if (needsCommonSpace(inputs.config)) contrastive(inputs, terms);
  return terms;
}

export function weightedTotal(config: RunConfig, terms: Partial<Record<LossTermName, tf.Scalar>>): tf.Scalar {
  const weighted = Object.entries(terms).map(([name, value]) =>
    name === 'supervised' ? value : tf.mul(value, config.weights[name as Exclude<LossTermName, 'supervised'>]),
  );
  return (weighted.length ? tf.addN(weighted) : tf.scalar(0)) as tf.Scalar;
}
