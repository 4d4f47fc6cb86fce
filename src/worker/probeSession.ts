import { DEFAULT_PROBE_PER_CLASS, selectProbeIndices } from '../core/evaluation/probeSet';
import type { TrainingSession } from '../core/method/trainingSession';
import { dataLabelsToUnion } from '../core/method/unionLabels';

/**
 * The probe set of `perClass` test images per union class, chosen as the core chooses its
 * default 50 (seed 0, classes no teacher knows dropped), so 200 a class holds the default
 * 50 and the same seed always gives the same points.
 */
export function probeOfSize(session: Pick<TrainingSession, 'amalgamation' | 'inputs'>, perClass: number): Int32Array {
  const { test } = session.inputs;
  const toUnion = dataLabelsToUnion(test.labelNames, session.amalgamation.union);
  return selectProbeIndices(test.labels, perClass, 0).filter((i) => toUnion[test.labels[i]] >= 0);
}

/**
 * The session as the embedding snapshots and the probeImages request see it: its `probe` is
 * `perClass` a class. Everything else is the session itself, methods bound to it, so the
 * core's own evaluation (cohesion) keeps the default probe set and results stay comparable.
 * The default size returns the session untouched.
 */
export function withProbeSize(session: TrainingSession, perClass: number = DEFAULT_PROBE_PER_CLASS): TrainingSession {
  if (perClass === DEFAULT_PROBE_PER_CLASS) return session;
  const probe = probeOfSize(session, perClass);
  return new Proxy(session, {
    get(target, key) {
      if (key === 'probe') return probe;
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
