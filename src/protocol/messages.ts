/**
 * The page <-> training-worker protocol. Both sides import only these types, so a
 * message that compiles on one side is understood by the other. The requests and results
 * live in backendMessages, teacherMessages and trainingMessages; this file joins them into
 * one request map, with the errors, events and envelopes.
 */
import type { DataSetId, Split } from '../core/data/dataSets';
import type { TeacherErrorCode } from '../core/teachers/teacherLoadError';
import type { TeacherMetadata } from '../core/teachers/teacherMetadata';
import type { RunConfig } from '../core/method/config';
import type { EmbeddingSnapshot, ProjectionName } from '../core/method/embeddingSnapshot';
import type { LossTerms } from '../core/method/amalgamationLoss';
import type { BackendAttempt, BackendTrialRow, BenchProgress, BenchTrainRequest, BenchTrainResult, InitRequest, InitResult, TrialBackendsRequest, TrialBackendsResult } from './backend/backendMessages';
import type { EvaluateTeacherRequest, EvaluateTeacherResult, DiscardImageFilesRequest, ExportStudentRequest, ExportStudentResult, LoadDataRequest, LoadDataResult, LoadImageFilesRequest, LoadImageFilesResult, LoadTeacherFilesRequest, LoadTeacherFilesResult, LoadTeacherRequest, LoadTeacherResult, PredictRequest, PredictResult, PreviewImagesRequest, PreviewImagesResult, StageImageFilesRequest, StageImageFilesResult, TeacherEvaluationProgress } from './teachers/teacherMessages';
import type { CheckpointQueryRequest, CheckpointSummary, ConfigureRequest, ConfigureResult, DestroyWebGpuDeviceRequest, DeviceLostInfo, HoldLifeLockRequest, ProbeImagesRequest, ProbeImagesResult, RunIdRequest, SnapshotRequest, TrainingControlRequest, TrainingEvaluationEvent, TrainingHistoryRequest, TrainingHistoryResult, TrainingOwnershipEvent, TrainingPreparingEvent, TrainingStateResult, TrainingStatusEvent, TrainingStepEvent } from './training/trainingMessages';

export type { DataSetId, Split, TeacherErrorCode, TeacherMetadata, RunConfig, EmbeddingSnapshot, LossTerms, ProjectionName };
export * from './backend/backendMessages';
export * from './teachers/teacherMessages';
export * from './training/trainingMessages';

/** Request kind -> the request and the result it resolves to. */
export interface RequestMap {
  init: { request: InitRequest; result: InitResult };
  loadTeacher: { request: LoadTeacherRequest; result: LoadTeacherResult };
  loadData: { request: LoadDataRequest; result: LoadDataResult };
  evaluateTeacher: { request: EvaluateTeacherRequest; result: EvaluateTeacherResult };
  loadTeacherFiles: { request: LoadTeacherFilesRequest; result: LoadTeacherFilesResult };
  stageImageFiles: { request: StageImageFilesRequest; result: StageImageFilesResult };
  discardImageFiles: { request: DiscardImageFilesRequest; result: { discarded: boolean } };
  loadImageFiles: { request: LoadImageFilesRequest; result: LoadImageFilesResult };
  previewImages: { request: PreviewImagesRequest; result: PreviewImagesResult };
  exportStudent: { request: ExportStudentRequest; result: ExportStudentResult };
  predict: { request: PredictRequest; result: PredictResult };
  trialBackends: { request: TrialBackendsRequest; result: TrialBackendsResult };
  benchTrain: { request: BenchTrainRequest; result: BenchTrainResult };
  configure: { request: ConfigureRequest; result: ConfigureResult };
  startTraining: { request: TrainingControlRequest & { kind: 'startTraining' }; result: TrainingStateResult };
  pause: { request: TrainingControlRequest & { kind: 'pause' }; result: TrainingStateResult };
  resume: { request: TrainingControlRequest & { kind: 'resume' }; result: TrainingStateResult };
  stepOnce: { request: TrainingControlRequest & { kind: 'stepOnce' }; result: TrainingStateResult };
  stopTraining: { request: TrainingControlRequest & { kind: 'stopTraining' }; result: TrainingStateResult };
  trainingState: { request: TrainingControlRequest & { kind: 'trainingState' }; result: TrainingStateResult };
  checkpointNow: { request: TrainingControlRequest & { kind: 'checkpointNow' }; result: TrainingStateResult };
  trainingHistory: { request: TrainingHistoryRequest; result: TrainingHistoryResult };
  snapshot: { request: SnapshotRequest; result: EmbeddingSnapshot };
  probeImages: { request: ProbeImagesRequest; result: ProbeImagesResult };
  latestCheckpoint: { request: CheckpointQueryRequest & { kind: 'latestCheckpoint' }; result: CheckpointSummary | null };
  listCheckpoints: { request: CheckpointQueryRequest & { kind: 'listCheckpoints' }; result: CheckpointSummary[] };
  resumeFromCheckpoint: { request: RunIdRequest & { kind: 'resumeFromCheckpoint' }; result: TrainingStateResult };
  deleteCheckpoint: { request: RunIdRequest & { kind: 'deleteCheckpoint' }; result: { deleted: boolean } };
  holdLifeLock: { request: HoldLifeLockRequest; result: { held: boolean } };
  destroyWebGpuDevice: { request: DestroyWebGpuDeviceRequest; result: { destroyed: boolean } };
}

export type RequestKind = keyof RequestMap;
export type WorkerRequest = RequestMap[RequestKind]['request'];
export type ResultOf<K extends RequestKind> = RequestMap[K]['result'];

// ---- errors, events, envelopes ---------------------------------------------

export type ErrorCode =
  | 'bad-request'
  | 'no-backend'
  | 'aborted'
  | 'worker-crashed'
  | 'internal'
  /** A request that needs tfjs arrived before a successful init. */
  | 'not-initialized'
  /** The id is not in teachers/index.json. */
  | 'unknown-teacher'
  /** A static file could not be fetched (network error or an HTTP status other than 200). */
  | 'fetch-failed'
  /** A data file is not served: `npm run data` has not prepared it. */
  | 'data-missing'
  /** A data file was served but is not a valid IDX file. */
  | 'bad-data'
  /** The teacher's metadata has no provenance, so there is no data set to evaluate it on. */
  | 'no-provenance'
  /** evaluateTeacher: no built-in test set (or the named evaluation folder) has classes named like the teacher's labels. */
  | 'no-matching-classes'
  /** configure: the config is invalid; the message names the field (config.<field> ...). */
  | 'bad-config'
  /** A training request that the current training state does not allow (pause while idle, ...). */
  | 'training-state'
  /** resumeFromCheckpoint: no checkpoint stored under that run id. */
  | 'no-checkpoint'
  /** resumeFromCheckpoint: the stored checkpoint does not fit the teachers or data served now. */
  | 'checkpoint-mismatch'
  /** Dropped images: none could be decoded, or they do not fit their role. */
  | 'bad-images'
  /** exportStudent: there is no paused or finished run whose student could be exported. */
  | 'no-student'
  /** The core teacher loader's own codes, passed through unchanged. */
  | TeacherErrorCode;

export interface WorkerErrorInfo {
  code: ErrorCode;
  message: string;
}

/** Unprompted news from the worker (progress while a request runs). */
export type WorkerEvent =
  | { kind: 'backend-attempt'; attempt: BackendAttempt }
  /** One backend measured by trialBackends, as soon as it is done. */
  | { kind: 'trial-row'; row: BackendTrialRow }
  | { kind: 'bench-progress'; progress: BenchProgress }
  /** Images an evaluateTeacher request has classified so far. */
  | { kind: 'teacher-evaluation-progress'; progress: TeacherEvaluationProgress }
  | { kind: 'training-step'; step: TrainingStepEvent }
  | { kind: 'training-evaluation'; evaluation: TrainingEvaluationEvent }
  | { kind: 'training-embedding'; snapshot: EmbeddingSnapshot }
  | { kind: 'training-status'; status: TrainingStatusEvent }
  /** Dropped images decoded so far (a large folder takes seconds): the data panel counts them. */
  | { kind: 'images-progress'; progress: { name: string; done: number; total: number } }
  /** Progress of the target builder's pass over the transfer set, before the first step. */
  | { kind: 'training-preparing'; preparing: TrainingPreparingEvent }
  /** Who owns the transfer images, once that pass is done. */
  | { kind: 'training-ownership'; ownership: TrainingOwnershipEvent }
  /** The WebGPU device is gone: re-init (on another backend) and resume from the checkpoint. */
  | { kind: 'device-lost'; lost: DeviceLostInfo };

/** page -> worker */
export interface RequestEnvelope {
  id: number;
  request: WorkerRequest;
}

/** worker -> page */
export type WorkerMessage =
  | { type: 'result'; id: number; result: ResultOf<RequestKind> }
  | { type: 'error'; id: number; error: WorkerErrorInfo }
  | { type: 'event'; event: WorkerEvent };
