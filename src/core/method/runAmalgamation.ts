import { selectProbeIndices } from '../evaluation';
import { batchToTensor } from '../data/imageTensors';
import type { LabelledImages } from '../data/labelledImages';
import { toTransferSet } from '../data/transferSet';
import type { Teacher } from '../teachers/loadTeacher';
import { createAmalgamation, disposeAmalgamation, trainStep, type Amalgamation, type StepResult } from './amalgamation';
import { lossTermNames, type LossTerms } from './amalgamationLoss';
import type { RunConfig } from './config';
import { evaluateStudent, type Evaluation } from './evaluateStudent';
import { limitImages } from './runData';
import { dataLabelsToUnion } from './unionLabels';

export interface StepProgress {
  epoch: number;
  step: number;
  totalSteps: number;
  result: StepResult;
  stepMs: number;
  imagesPerSecond: number;
  etaSeconds: number;
}

export interface EpochRecord {
  epoch: number;
  seconds: number;
  meanTotal: number;
  meanTerms: LossTerms;
  evaluation: Evaluation;
}

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
  wallSeconds: number;
  medianStepMs: number;
  imagesPerSecond: number;
}

export interface RunInputs {
  config: RunConfig;
  teachers: Teacher[];
  /** Training images; their labels are read only by the supervised oracle. */
  train: LabelledImages;
  test: LabelledImages;
  backend: string;
}

export interface RunHooks {
  onStep?: (p: StepProgress) => void;
  onEpoch?: (e: EpochRecord) => void;
  signal?: AbortSignal;
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function meanTerms(results: StepResult[]): LossTerms {
  return Object.fromEntries(lossTermNames.map((n) => [n, results.reduce((s, r) => s + r.terms[n], 0) / results.length])) as LossTerms;
}

/** The fixed probe set: 50 test images per union class, seed 0, the same for every run. */
export function probeIndices(a: Amalgamation, test: LabelledImages): Int32Array {
  const toUnion = dataLabelsToUnion(test.labelNames, a.union);
  return selectProbeIndices(test.labels, 50, 0).filter((i) => toUnion[test.labels[i]] >= 0);
}

/** Yields to the event loop: wasm/cpu steps never do, so a cancel message or Ctrl-C could not arrive. */
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

interface Clock {
  steps: number[];
  done: number;
  total: number;
}

async function runEpoch(a: Amalgamation, inputs: RunInputs, train: LabelledImages, epoch: number, hooks: RunHooks, clock: Clock) {
  const { config } = inputs;
  const transfer = toTransferSet(train, config.seed);
  const toUnion = dataLabelsToUnion(train.labelNames, a.union);
  const results: StepResult[] = [];
  for (const batch of transfer.batches(config.batchSize, epoch, true)) {
    await nextTurn();
    if (hooks.signal?.aborted) throw new DOMException('amalgamation cancelled', 'AbortError');
    const started = performance.now();
    const x = batchToTensor(batch, transfer);
    const labels = config.supervised ? Int32Array.from(batch.indices, (i) => toUnion[train.labels[i]]) : undefined;
    const result = await trainStep(a, x, labels).finally(() => x.dispose());
    const stepMs = performance.now() - started;
    clock.steps.push(stepMs);
    clock.done++;
    results.push(result);
    const recent = median(clock.steps.slice(-20));
    hooks.onStep?.({ epoch: epoch + 1, step: clock.done, totalSteps: clock.total, result, stepMs, imagesPerSecond: (config.batchSize * 1000) / recent, etaSeconds: ((clock.total - clock.done) * recent) / 1000 });
  }
  return results;
}

export function stepsPerEpoch(config: RunConfig, trainCount: number): number {
  const count = config.transferLimit > 0 ? Math.min(config.transferLimit, trainCount) : trainCount;
  return Math.floor(count / config.batchSize);
}

/** Trains the student for config.epochs, evaluating after each epoch; returns the run record. */
export async function runAmalgamation(inputs: RunInputs, hooks: RunHooks = {}): Promise<RunRecord> {
  const { config, teachers, test } = inputs;
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const a = createAmalgamation(config, teachers, inputs.train);
  try {
    const probe = probeIndices(a, test);
    const untrained = await evaluateStudent(a, test, probe);
    const train = limitImages(inputs.train, config.transferLimit, config.seed);
    const clock: Clock = { steps: [], done: 0, total: config.epochs * stepsPerEpoch(config, train.count) };
    const epochs: EpochRecord[] = [];
    for (let epoch = 0; epoch < config.epochs; epoch++) {
      const e0 = performance.now();
      const results = await runEpoch(a, inputs, train, epoch, hooks, clock);
      const record: EpochRecord = {
        epoch: epoch + 1,
        seconds: (performance.now() - e0) / 1000,
        meanTotal: results.reduce((s, r) => s + r.total, 0) / results.length,
        meanTerms: meanTerms(results),
        evaluation: await evaluateStudent(a, test, probe),
      };
      epochs.push(record);
      hooks.onEpoch?.(record);
    }
    const medianStepMs = median(clock.steps);
    return {
      kind: 'cka-studio-run',
      version: 1,
      config,
      backend: inputs.backend,
      startedAt,
      teachers: teachers.map((t) => ({ id: t.metadata.id, labels: t.metadata.labels, testAccuracy: t.metadata.provenance?.testAccuracy ?? null })),
      union: a.union.names,
      transferImages: clock.done * config.batchSize / config.epochs,
      epochs,
      final: epochs[epochs.length - 1].evaluation,
      untrained,
      wallSeconds: (performance.now() - t0) / 1000,
      medianStepMs,
      imagesPerSecond: (config.batchSize * 1000) / medianStepMs,
    };
  } finally {
    disposeAmalgamation(a);
  }
}
