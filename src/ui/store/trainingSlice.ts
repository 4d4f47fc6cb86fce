import type {
  CheckpointSummary,
  EmbeddingSnapshot,
  LossTerms,
  ProbeImagesResult,
  ProjectionName,
  RunConfig,
  TrainingEvaluationEvent,
  TrainingHistoryResult,
  TrainingOwnershipEvent,
  TrainingStateResult,
  WorkerEvent,
} from '../../protocol/messages';
import { appendBounded, emptySeries, weightedMean, type BoundedSeries } from '../charts/boundedSeries';
import { initialProgress, progressOnEvent, progressOnState, type RunProgress } from '../training/runProgress';
import { DEFAULT_PROBE_PER_CLASS } from '../../core/evaluation/probeSet';
import type { StudioSlice } from './slice';

export interface LossRecord {
  step: number;
  total: number;
  terms: LossTerms;
}

/** Loss points kept for the chart; recharts draws a few hundred points without effort. */
export const MAX_LOSS_RECORDS = 400;
/** Evaluations kept (each is a few numbers and one small confusion matrix). */
export const MAX_EVALUATIONS = 200;

const mergeLoss = (x: LossRecord, a: number, y: LossRecord, b: number): LossRecord => ({
  step: y.step,
  total: weightedMean(x.total, a, y.total, b),
  terms: Object.fromEntries(Object.entries(y.terms).map(([k, v]) => [k, weightedMean(x.terms[k as keyof LossTerms], a, v, b)])) as LossTerms,
});

/** Drops every other evaluation (never the newest) once there are too many. */
function keepEvaluations(list: TrainingEvaluationEvent[]): TrainingEvaluationEvent[] {
  if (list.length <= MAX_EVALUATIONS) return list;
  return list.filter((_, i) => i % 2 === 1 || i === list.length - 1);
}

/** The run in the worker: progress, loss and evaluation histories, embedding frames. */
export interface TrainingSlice {
  progress: RunProgress;
  lossSeries: BoundedSeries<LossRecord>;
  evaluations: TrainingEvaluationEvent[];
  /** Who owns the transfer images under the run's target builder (after its pre-pass); null before, or for builders without one. */
  ownership: TrainingOwnershipEvent | null;
  /** The newest embedding frame and the one before (the plot animates between them). */
  embedding: { current: EmbeddingSnapshot | null; previous: EmbeddingSnapshot | null };
  /** Pixels of the probe points, for the plot's hover, and the run they belong to; null until fetched. */
  probeImages: (ProbeImagesResult & { runId: string }) | null;
  /** The config the worker accepted for the run on screen (what the results describe). */
  activeConfig: RunConfig | null;
  /** Evaluate (and take an embedding frame) every this many steps. */
  evaluateEvery: number;
  /** How embedding frames lay the probe set out: PCA (fast, stable axes) or UMAP (clusters show better). */
  projection: ProjectionName;
  /** Test images per class in the embedding plot (50: 500 MNIST points; 200: 2,000). */
  probePerClass: number;
  /** The tfjs backend the worker said it trains on (from its last state answer). */
  workerBackend: string | null;
  /** The worker has a tfjs backend (its init answered): until then Start would only fail. */
  workerReady: boolean;
  setWorkerReady(ready: boolean): void;
  /** A resumed run's loss and evaluation histories, from the worker (the charts show its past). */
  restoreHistory(history: TrainingHistoryResult): void;
  /**
   * What beginRun clears, to put back when the start it began is refused: a refused Start
   * must not wipe the run still on screen.
   */
  runView(): RunView;
  restoreRunView(view: RunView): void;
  receiveEvent(event: WorkerEvent): void;
  /** Several events in one store update (one render): what the page's event batching calls. */
  receiveEvents(events: readonly WorkerEvent[]): void;
  receiveState(state: TrainingStateResult): void;
  setOffer(offer: CheckpointSummary | null): void;
  markBusy(): void;
  markFailed(message: string): void;
  /** A new run: the histories of the last one are cleared. */
  beginRun(config: RunConfig): void;
  setProbeImages(images: (ProbeImagesResult & { runId: string }) | null): void;
  setEvaluateEvery(steps: number): void;
  setProjection(projection: ProjectionName): void;
  setProbePerClass(perClass: number): void;
  /**
   * Registers what applies the worker events still waiting for their animation frame
   * (workerEvents.ts). Every other write here calls it first, so a call's answer is never
   * overwritten by an event the worker sent before it.
   */
  setEventFlush(flush: () => void): void;
}

export const DEFAULT_EVALUATE_EVERY = 50;

/** The part of the slice that describes the run on screen. */
export type RunView = Pick<TrainingSlice, 'activeConfig' | 'lossSeries' | 'evaluations' | 'embedding' | 'probeImages'>;

/** A loss series from a history's points, bounded as the live one is. */
function seriesOf(points: TrainingHistoryResult['losses']): BoundedSeries<LossRecord> {
  return points.reduce((series, p) => appendBounded(series, { step: p.step, total: p.total, terms: p.terms }, mergeLoss, MAX_LOSS_RECORDS), emptySeries<LossRecord>());
}

function onEvent(s: TrainingSlice, event: WorkerEvent): Partial<TrainingSlice> {
  const progress = progressOnEvent(s.progress, event);
  if (progress === s.progress) return {};
  switch (event.kind) {
    case 'training-step': {
      const { step, total, terms } = event.step;
      return { progress, lossSeries: appendBounded(s.lossSeries, { step, total, terms }, mergeLoss, MAX_LOSS_RECORDS) };
    }
    case 'training-evaluation':
      return { progress, evaluations: keepEvaluations([...s.evaluations, event.evaluation]) };
    case 'training-embedding':
      return { progress, embedding: { current: event.snapshot, previous: s.embedding.current } };
    case 'training-ownership':
      return { progress, ownership: event.ownership };
    default:
      return { progress };
  }
}

export const createTrainingSlice: StudioSlice<TrainingSlice> = (set, get) => {
  let flushEvents = () => undefined as void;
  /** A write that must land after the events received before it. */
  const after = <A extends unknown[]>(write: (...args: A) => void) => (...args: A) => {
    flushEvents();
    write(...args);
  };
  return {
    progress: initialProgress,
    lossSeries: emptySeries<LossRecord>(),
    evaluations: [],
    ownership: null,
    embedding: { current: null, previous: null },
    probeImages: null,
    activeConfig: null,
    evaluateEvery: DEFAULT_EVALUATE_EVERY,
    projection: 'pca',
    probePerClass: DEFAULT_PROBE_PER_CLASS,
    workerBackend: null,
    workerReady: false,
    setWorkerReady: (workerReady) => set({ workerReady }),
    restoreHistory: after((history: TrainingHistoryResult) =>
      set((s) => {
        const latest = history.evaluations.at(-1);
        const accuracy = latest ? { step: latest.step, joint: latest.jointAccuracy } : s.progress.accuracy;
        return { lossSeries: seriesOf(history.losses), evaluations: keepEvaluations(history.evaluations), progress: { ...s.progress, accuracy } };
      }),
    ),
    runView: () => {
      const { activeConfig, lossSeries, evaluations, embedding, probeImages } = get();
      return { activeConfig, lossSeries, evaluations, embedding, probeImages };
    },
    restoreRunView: after((view: RunView) => set(view)),
    receiveEvent: (event) => set((s) => onEvent(s, event)),
    receiveEvents: (events) => set((s) => events.reduce<TrainingSlice>((acc, event) => ({ ...acc, ...onEvent(acc, event) }), s)),
    receiveState: after((state: TrainingStateResult) =>
      set((s) => ({ progress: progressOnState(s.progress, state), activeConfig: state.config ?? s.activeConfig, workerBackend: state.backend ?? s.workerBackend })),
    ),
    setOffer: after((offer: CheckpointSummary | null) => set((s) => ({ progress: { ...s.progress, offer } }))),
    markBusy: after(() => set((s) => ({ progress: { ...s.progress, busy: true, error: null } }))),
    markFailed: after((message: string) => set((s) => ({ progress: { ...s.progress, busy: false, error: message } }))),
    beginRun: after((config: RunConfig) =>
      set({ activeConfig: config, lossSeries: emptySeries<LossRecord>(), evaluations: [], ownership: null, embedding: { current: null, previous: null }, probeImages: null }),
    ),
    setProbeImages: (probeImages) => set({ probeImages }),
    setEvaluateEvery: (evaluateEvery) => set({ evaluateEvery }),
    setProjection: (projection) => set({ projection }),
    setProbePerClass: (probePerClass) => set({ probePerClass }),
    setEventFlush: (flush) => void (flushEvents = flush),
  };
};
