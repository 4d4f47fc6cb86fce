import * as tf from '@tensorflow/tfjs';
import { runTeachers, trainableVariables, type Amalgamation } from '../../src/core/method/amalgamation';
import { amalgamationTerms, teacherTargets, weightedTotal } from '../../src/core/method/amalgamationLoss';
import { runStudent } from '../../src/core/method/student';
import { median } from '../../src/core/median';

/** Median ms of each part of a step, each part timed alone (bench/peer/server.py phases() does the same). */
export interface PhaseTimes {
  /** Teachers' forward pass and the soft target / pseudo-labels built from it. */
  teachers: number;
  /** The student's forward and backward pass (a fixed random cotangent stands in for the loss). */
  student: number;
  /** Every loss term, forward and backward, from fixed student outputs (projection heads included). */
  losses: number;
  /** Applying one set of gradients. */
  optimizer: number;
}

async function medianMs(reps: number, f: () => tf.Tensor | tf.Tensor[]): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const start = performance.now();
    const out = f();
    const list = Array.isArray(out) ? out : [out];
    await Promise.all(list.map((t) => t.data()));
    times.push(performance.now() - start);
    tf.dispose(list);
  }
  return median(times);
}

export async function timePhases(a: Amalgamation, images01: tf.Tensor4D, reps: number): Promise<PhaseTimes> {
  const { config } = a;
  const teachersMs = await medianMs(reps, () => tf.tidy(() => {
    const t = runTeachers(a.teachers, images01);
    const { target, pseudo } = teacherTargets(config, a.union, t);
    return [target, pseudo];
  }));
  // Built outside tidy (a tidy cannot return this shape); disposed at the end.
  const teachers = runTeachers(a.teachers, images01);
  const fixed = { teachers, ...teacherTargets(config, a.union, teachers), ...runStudent(a.student, images01, false) };
  const cotangents = tf.tidy(() => [fixed.features, ...fixed.heads].map((t) => tf.randomNormal(t.shape, 0, 1, 'float32', 7)));
  const studentVars = a.student.model.trainableWeights.map((w) => w.read() as tf.Variable);
  const studentMs = await medianMs(reps, () => tf.tidy(() => {
    const { grads, value } = tf.variableGrads(() => {
      const { features, heads } = runStudent(a.student, images01, true);
      return tf.addN([features, ...heads].map((t, i) => tf.sum(tf.mul(t, cotangents[i])))) as tf.Scalar;
    }, studentVars);
    return [value, ...Object.values(grads)];
  }));
  const h = tf.variable(fixed.features, true, 'benchH');
  const heads = fixed.heads.map((z, i) => tf.variable(z, true, `benchHead${i}`));
  const lossVars = [h, ...heads, ...trainableVariables(a).slice(studentVars.length)];
  const lossesMs = await medianMs(reps, () => tf.tidy(() => {
    const { grads, value } = tf.variableGrads(() => {
      const parts = amalgamationTerms({ config, union: a.union, space: a.space, studentFeatures: h, studentHeads: heads, teachers: fixed.teachers, target: fixed.target, pseudo: fixed.pseudo });
      return weightedTotal(config, parts);
    }, lossVars);
    return [value, ...Object.values(grads)];
  }));
  const grads = tf.tidy(() => Object.fromEntries(trainableVariables(a).map((v) => [v.name, tf.onesLike(v).mul(1e-6)])));
  const optimizerMs = await medianMs(reps, () => {
    a.optimizer.applyGradients(grads);
    return trainableVariables(a).slice(0, 1).map((v) => v.clone());
  });
  tf.dispose([fixed.teachers.features, fixed.teachers.logits, fixed.target, fixed.pseudo, fixed.features, fixed.heads, cotangents, h, heads, Object.values(grads)]);
  return { teachers: teachersMs, student: studentMs, losses: lossesMs, optimizer: optimizerMs };
}
