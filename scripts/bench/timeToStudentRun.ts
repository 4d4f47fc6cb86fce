import type { RunConfig } from '../../src/core/method/config';
import { atWorkingResolution, loadRunData } from '../../src/core/method/runData';
import { createTrainingSession, type EvaluationPoint } from '../../src/core/method/trainingSession';
import { median } from '../../src/core/median';
import { readDataFileFromDisk } from '../../src/node/dataFiles';
import { resolveTeacher } from '../../src/node/teacherFiles';
import { timeToStudent, type TimedEvaluation, type TimeToStudent } from './timeToStudent';

/** The CLI's series: each point also on a clock that leaves the evaluations out. */
export interface CliPoint extends TimedEvaluation {
  /** `seconds` less the time spent in this and every earlier evaluation. */
  trainingSeconds: number;
}

export interface CliMeasurement {
  totalSteps: number;
  /** Seconds since Start at which each phase ended. */
  phases: { loaded: number; prepared: number; trained: number };
  points: CliPoint[];
  headline: TimeToStudent | null;
  trainingOnly: TimeToStudent | null;
  medianStepMs: number;
}

/**
 * One run of `config` as the studio makes it, on the Node backend already chosen, timed from
 * Start: reading the data and the teachers, the builder's pre-pass, then the steps, with an
 * evaluation on the test split every `evaluateEvery` steps and at the epoch's end (the
 * worker's cadence; no evaluation at step 0, which the worker does not make either).
 */
export async function measureCli(config: RunConfig, backend: string, evaluateEvery: number, onPoint: (p: CliPoint) => void = () => undefined): Promise<CliMeasurement> {
  const t0 = performance.now();
  const since = () => (performance.now() - t0) / 1000;
  const teachers = await Promise.all(config.teachers.map((id) => resolveTeacher(id)));
  const { train, test } = atWorkingResolution(config, teachers.map((t) => t.metadata.input), await loadRunData(config.data, readDataFileFromDisk));
  const session = createTrainingSession({ config, teachers, train, test, backend });
  const loaded = since();
  const points: CliPoint[] = [];
  try {
    await session.prepare();
    const prepared = since();
    // An evaluation runs right after the step it follows: from that step's end to the point.
    let stepEnded = 0;
    let evaluating = 0;
    const onStep = () => void (stepEnded = since());
    const onEvaluate = (e: EvaluationPoint) => {
      const seconds = since();
      evaluating += seconds - stepEnded;
      const point = { step: e.step, seconds, accuracy: e.evaluation.jointAccuracy, trainingSeconds: seconds - evaluating };
      points.push(point);
      onPoint(point);
    };
    await session.run({ evaluateEvery, onStep, onEvaluate });
    const trained = since();
    const training = points.map((p) => ({ ...p, seconds: p.trainingSeconds }));
    return {
      totalSteps: session.totalSteps,
      phases: { loaded, prepared, trained },
      points,
      headline: timeToStudent(points),
      trainingOnly: timeToStudent(training),
      medianStepMs: median(session.stepTimes, 0),
    };
  } finally {
    await session.dispose();
  }
}
