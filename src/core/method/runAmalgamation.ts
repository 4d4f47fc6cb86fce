import { median } from '../median';
import type { RunConfig } from './config';
import type { Evaluation } from './evaluateStudent';
import { routingAccuracy } from './routingAccuracy';
import { createTrainingSession, type EpochRecord, type SessionInputs, type StepProgress, type TrainingSession } from './trainingSession';

export { probeIndices, stepsPerEpoch, type EpochRecord, type StepProgress } from './trainingSession';

export interface RunRecord {
  kind: 'cka-studio-run';
  version: 1;
  config: RunConfig;
  backend: string;
  startedAt: string;
  teachers: { id: string; labels: string[]; testAccuracy: number | null }[];
  union: string[];
  /** Images trained on per epoch (whole batches only). */
  transferImages: number;
  epochs: EpochRecord[];
  final: Evaluation;
  untrained: Evaluation;
  /** Accuracy of the teachers' built target alone on the evaluation set (routingAccuracy.ts); absent in older records. */
  routing?: number;
  wallSeconds: number;
  medianStepMs: number;
  imagesPerSecond: number;
}

export type RunInputs = SessionInputs;

export interface RunHooks {
  onStep?: (p: StepProgress) => void;
  onEpoch?: (e: EpochRecord) => void;
  signal?: AbortSignal;
}

function runRecord(session: TrainingSession, startedAt: string, untrained: Evaluation, routing: number, wallSeconds: number): RunRecord {
  const { config, teachers, backend } = session.inputs;
  const epochs = [...session.history.epochs];
  const medianStepMs = median(session.stepTimes, 0);
  return {
    kind: 'cka-studio-run',
    version: 1,
    config,
    backend,
    startedAt,
    teachers: teachers.map((t) => ({ id: t.metadata.id, labels: t.metadata.labels, testAccuracy: t.metadata.provenance?.testAccuracy ?? null })),
    union: session.amalgamation.union.names,
    transferImages: session.stepsPerEpoch * config.batchSize,
    epochs,
    final: epochs[epochs.length - 1].evaluation,
    untrained,
    routing,
    wallSeconds,
    medianStepMs,
    imagesPerSecond: (config.batchSize * 1000) / medianStepMs,
  };
}

/** Trains the student for config.epochs, evaluating after each epoch; returns the run record. */
export async function runAmalgamation(inputs: RunInputs, hooks: RunHooks = {}): Promise<RunRecord> {
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const session = createTrainingSession(inputs);
  try {
    const untrained = await session.evaluate();
    const outcome = await session.run(hooks);
    if (outcome.stopped === 'aborted') throw new DOMException('amalgamation cancelled', 'AbortError');
    const wallSeconds = (performance.now() - t0) / 1000;
    // After the clock stops: a reference figure, not part of the student's cost.
    const routing = await routingAccuracy(session.amalgamation, inputs.test);
    return runRecord(session, startedAt, untrained, routing, wallSeconds);
  } finally {
    await session.dispose();
  }
}
