import { DEFAULT_PROBE_PER_CLASS } from '../../core/evaluation/probeSet';
import { probeIndices, type TrainingSession } from '../../core/method/trainingSession';

/** The core's probe set at `perClass` a class: 200 a class holds the default 50. */
export function probeOfSize(session: Pick<TrainingSession, 'amalgamation' | 'inputs'>, perClass: number): Int32Array {
  return probeIndices(session.amalgamation, session.inputs.test, perClass);
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
