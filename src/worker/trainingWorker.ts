/**
 * The training worker: owns tfjs (the page never imports it) and answers protocol
 * requests one at a time, because tfjs's backend and memory are global state.
 */
import type { BackendName, RequestKind, RequestMap, ResultOf, WorkerMessage } from '../protocol/messages';
import { envelopeId, parseEnvelope } from '../protocol/validate';
import { handleProbeBackends } from './backendProbe';
import { ckaFixtureLoader } from './backendProbeFixture';
import { handleBenchTrain } from './benchHandler';
import { toErrorInfo, WorkerFailure } from './failure';
import { handleInit, type Emit } from './initHandler';
import { createTeacherHandlers } from './teacherHandlers';
import { servedSources } from './teacherSources';
import { createTrainingController } from './trainingHandlers';

// tsconfig has no WebWorker lib, so name the part of the worker scope we use.
interface WorkerScope {
  postMessage(message: WorkerMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
}
const scope = self as unknown as WorkerScope;

/** The backend the last successful init (or probe) proved; teachers need one. */
let backend: BackendName | null = null;
const teachers = createTeacherHandlers(servedSources(), () => backend);
/** Teachers and one MNIST batch for the probe and the benchmark, fetched on first use. */
const ckaFixture = ckaFixtureLoader(servedSources());
/** The user's override from the last init (?backend=); a later probe honours it too. */
let requestedBackend: BackendName | undefined;

const emit: Emit = (event) => scope.postMessage({ type: 'event', event });
const training = createTrainingController(servedSources(), () => backend, emit);

/** A backend switch would free the tensors of a running or paused session. */
function requireNoTraining(what: string): void {
  if (training.busy()) throw new WorkerFailure('training-state', `cannot ${what} while a training session is running or paused: stop it first`);
}

type Handlers = { [K in RequestKind]: (request: RequestMap[K]['request'], emit: Emit) => Promise<ResultOf<K>> };
const handlers: Handlers = {
  init: async (request, emit) => {
    requireNoTraining('re-initialise the backend');
    backend = null; // a failed re-init leaves tfjs on no proven backend
    requestedBackend = request.backend;
    const result = await handleInit(request, emit);
    backend = result.backend;
    return result;
  },
  loadTeacher: (request) => teachers.loadTeacher(request),
  loadData: (request) => teachers.loadData(request),
  evaluateTeacher: (request) => teachers.evaluateTeacher(request),
  probeBackends: async (request, emit) => {
    requireNoTraining('probe backends');
    // On failure the handler has put tfjs back on `backend`, so it stays proven.
    const override = { ...request, backend: request.backend ?? requestedBackend };
    const result = await handleProbeBackends(override, { previous: backend, emit });
    backend = result.backend;
    return result;
  },
  benchTrain: async (request, emit) => {
    requireNoTraining('benchmark');
    return handleBenchTrain(request, { fixture: ckaFixture, previous: backend, emit });
  },
  configure: async (request) => training.configure(request),
  startTraining: () => training.start(),
  pause: () => training.pause(),
  resume: () => training.resume(),
  stepOnce: () => training.stepOnce(),
  stopTraining: () => training.stop(),
  trainingState: async () => training.state(),
  snapshot: () => training.snapshot(),
  latestCheckpoint: () => training.latestCheckpoint(),
  listCheckpoints: () => training.listCheckpoints(),
  resumeFromCheckpoint: (request) => training.resumeFromCheckpoint(request.runId),
  deleteCheckpoint: async (request) => ({ deleted: await training.deleteCheckpoint(request.runId) }),
};

function run<K extends RequestKind>(kind: K, request: RequestMap[K]['request']): Promise<ResultOf<K>> {
  return handlers[kind](request, emit);
}

async function answer(data: unknown): Promise<void> {
  const parsed = parseEnvelope(data);
  if (!('request' in parsed)) {
    scope.postMessage({ type: 'error', id: envelopeId(data), error: parsed });
    return;
  }
  try {
    const result = await run(parsed.request.kind, parsed.request);
    scope.postMessage({ type: 'result', id: parsed.id, result });
  } catch (error) {
    scope.postMessage({ type: 'error', id: parsed.id, error: toErrorInfo(error) });
  }
}

let queue: Promise<void> = Promise.resolve();
scope.addEventListener('message', (event) => {
  queue = queue.then(() => answer(event.data));
});
