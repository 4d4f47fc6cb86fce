import { dataSets, type DataSetId } from '../core/data/dataSets';
import { MAX_PROBE_PER_CLASS } from '../core/evaluation/probeSet';
import { parseRecoveryRequest } from './validateRecovery';
import { parseFilesRequest } from './validateFiles';
import { isBackendName, isSplit, isTeacherId, type RequestEnvelope, type TrainingCadence, type WorkerErrorInfo, type WorkerRequest } from './messages';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Own keys only: core's isDataSetId uses `in`, which also passes 'toString' and friends. */
const isDataSet = (value: unknown): value is DataSetId => typeof value === 'string' && Object.hasOwn(dataSets, value);

const badRequest = (message: string): WorkerErrorInfo => ({ code: 'bad-request', message });

const teacherIdProblem = (id: unknown): WorkerErrorInfo =>
  badRequest(`teacher id ${JSON.stringify(id)} is not a plain name (letters, digits, '.', '_', '-')`);

const splitProblem = (split: unknown): WorkerErrorInfo => badRequest(`unknown split ${JSON.stringify(split)} (use 'train' or 'test')`);

/** An optional whole number in [min, max]: the value, undefined when absent, or the problem. */
function optionalCount(request: Record<string, unknown>, field: string, min: number, max: number): number | undefined | WorkerErrorInfo {
  const value = request[field];
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  return badRequest(`${field} must be a whole number in [${min}, ${max}] (got ${JSON.stringify(value)})`);
}

const isProblem = (value: unknown): value is WorkerErrorInfo => isRecord(value) && 'code' in value;

function parseTrialBackends(request: Record<string, unknown>): WorkerRequest | WorkerErrorInfo {
  if (request.backend !== undefined && !isBackendName(request.backend)) return badRequest(`unknown backend '${String(request.backend)}'`);
  const capMs = optionalCount(request, 'capMs', 500, 60_000);
  if (isProblem(capMs)) return capMs;
  return { kind: 'trialBackends', backend: request.backend, capMs };
}

function parseBenchTrain(request: Record<string, unknown>): WorkerRequest | WorkerErrorInfo {
  if (!isBackendName(request.backend)) return badRequest(`unknown backend '${String(request.backend)}'`);
  const steps = request.steps === undefined ? badRequest('steps is required') : optionalCount(request, 'steps', 1, 500);
  if (isProblem(steps)) return steps;
  const warmup = optionalCount(request, 'warmup', 0, 10);
  if (isProblem(warmup)) return warmup;
  const capMs = optionalCount(request, 'capMs', 500, 600_000);
  if (isProblem(capMs)) return capMs;
  return { kind: 'benchTrain', backend: request.backend, steps: steps!, warmup, capMs };
}

const CONTROL_KINDS = ['startTraining', 'pause', 'resume', 'stepOnce', 'stopTraining', 'trainingState', 'checkpointNow'] as const;

/** A run id is an IndexedDB key we made ourselves; the pattern only catches typos and skew. */
const isRunId = (value: unknown): value is string => typeof value === 'string' && /^[A-Za-z0-9._-]{1,100}$/.test(value);

function parseCadence(value: unknown): Partial<TrainingCadence> | undefined | WorkerErrorInfo {
  if (value === undefined) return undefined;
  if (!isRecord(value)) return badRequest('cadence must be an object');
  const evaluateEvery = optionalCount(value, 'evaluateEvery', 1, 1_000_000);
  if (isProblem(evaluateEvery)) return evaluateEvery;
  const checkpointEvery = optionalCount(value, 'checkpointEvery', 1, 1_000_000);
  if (isProblem(checkpointEvery)) return checkpointEvery;
  const checkpointSeconds = optionalCount(value, 'checkpointSeconds', 1, 86_400);
  if (isProblem(checkpointSeconds)) return checkpointSeconds;
  const stepEventsPerSecond = optionalCount(value, 'stepEventsPerSecond', 1, 60);
  if (isProblem(stepEventsPerSecond)) return stepEventsPerSecond;
  const { projection } = value;
  if (projection !== undefined && projection !== 'pca' && projection !== 'umap') return badRequest(`cadence.projection must be 'pca' or 'umap' (got ${JSON.stringify(projection)})`);
  const probePerClass = optionalCount(value, 'probePerClass', 1, MAX_PROBE_PER_CLASS);
  if (isProblem(probePerClass)) return probePerClass;
  return { evaluateEvery, checkpointEvery, checkpointSeconds, stepEventsPerSecond, projection, probePerClass };
}

/** The training requests; the config itself is validated by the worker (validateConfig), field by field. */
function parseTrainingRequest(request: Record<string, unknown>): WorkerRequest | WorkerErrorInfo | null {
  const kind = request.kind;
  if ((CONTROL_KINDS as readonly unknown[]).includes(kind)) return { kind: kind as (typeof CONTROL_KINDS)[number] };
  if (kind === 'snapshot' || kind === 'probeImages' || kind === 'trainingHistory') return { kind };
  if (kind === 'latestCheckpoint' || kind === 'listCheckpoints') return { kind };
  if (kind === 'resumeFromCheckpoint' || kind === 'deleteCheckpoint') {
    if (!isRunId(request.runId)) return badRequest(`runId ${JSON.stringify(request.runId)} is not a run id`);
    return { kind, runId: request.runId };
  }
  if (kind !== 'configure') return null;
  if (!isRecord(request.config)) return badRequest('config must be an object');
  const cadence = parseCadence(request.cadence);
  if (isProblem(cadence)) return cadence;
  return { kind, config: request.config, cadence };
}

/** Checks one request's fields and rebuilds it from them alone (extra fields are dropped). */
function parseRequest(request: Record<string, unknown>): WorkerRequest | WorkerErrorInfo {
  switch (request.kind) {
    case 'init':
      if (request.backend !== undefined && !isBackendName(request.backend)) {
        return badRequest(`unknown backend '${String(request.backend)}'`);
      }
      return { kind: 'init', backend: request.backend };
    case 'loadTeacher':
      if (!isTeacherId(request.id)) return teacherIdProblem(request.id);
      return { kind: 'loadTeacher', id: request.id };
    case 'loadData':
      if (!isDataSet(request.dataSet)) {
        return badRequest(`unknown data set ${JSON.stringify(request.dataSet)} (use 'mnist' or 'fashion-mnist')`);
      }
      if (!isSplit(request.split)) return splitProblem(request.split);
      return { kind: 'loadData', dataSet: request.dataSet, split: request.split };
    case 'evaluateTeacher': {
      // Shipped ids, or a dropped teacher's 'dropped:<name>'.
      const dropped = typeof request.id === 'string' && /^dropped:[A-Za-z0-9._-]{1,100}$/.test(request.id);
      if (!isTeacherId(request.id) && !dropped) return teacherIdProblem(request.id);
      if (!isSplit(request.split)) return splitProblem(request.split);
      if (request.on !== undefined && (typeof request.on !== 'string' || !/^dropped:[A-Za-z0-9._-]{1,100}$/.test(request.on))) {
        return badRequest(`on must be a dropped image set id 'dropped:<name>' (got ${JSON.stringify(request.on)})`);
      }
      return { kind: 'evaluateTeacher', id: request.id as string, split: request.split, on: request.on as string | undefined };
    }
    case 'trialBackends':
      return parseTrialBackends(request);
    case 'benchTrain':
      return parseBenchTrain(request);
    default:
      return parseTrainingRequest(request) ?? parseRecoveryRequest(request) ?? parseFilesRequest(request) ?? badRequest(`unknown request kind '${String(request.kind)}'`);
  }
}

/**
 * Checks a message that arrived at the worker. Both ends are ours, so this guards
 * against version skew and typos rather than hostile input.
 */
export function parseEnvelope(data: unknown): RequestEnvelope | WorkerErrorInfo {
  if (!isRecord(data) || typeof data.id !== 'number' || !isRecord(data.request)) {
    return badRequest('message is not a request envelope');
  }
  const request = parseRequest(data.request);
  return 'kind' in request ? { id: data.id, request } : request;
}

export function envelopeId(data: unknown): number {
  return isRecord(data) && typeof data.id === 'number' ? data.id : -1;
}
