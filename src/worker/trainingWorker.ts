/**
 * The training worker: owns tfjs (the page never imports it) and answers protocol
 * requests one at a time, because tfjs's backend and memory are global state.
 */
import type { BackendName, RequestKind, RequestMap, ResultOf, WorkerMessage } from '../protocol/messages';
import { envelopeId, parseEnvelope } from '../protocol/validate';
import { handleTrialBackends } from './backend/backendTrial';
import { ckaFixtureLoader } from './backend/backendTrialFixture';
import { handleBenchTrain } from './backend/benchHandler';
import { currentWebGpuDevice, forgetWebGpuBackend, watchWebGpuDevice, type DeviceLoss } from './backend/deviceLoss';
import { toErrorInfo, WorkerFailure } from './failure';
import { handleInit, type Emit } from './backend/initHandler';
import { holdLifeLock } from './lifeLock';
import { probeImagesHandler } from './embedding/probeImagesHandler';
import { DroppedData } from './data/droppedData';
import { createImageHandlers } from './data/imageHandlers';
import { StagedDrops } from './data/stagedDrops';
import { decodeImage } from './data/imageDecode';
import { createStudentHandlers } from './student/studentHandlers';
import { createTeacherHandlers } from './teachers/teacherHandlers';
import { createTeacherRegistry } from './teachers/teacherRegistry';
import { trainingInputsLoader } from './training/trainingInputs';
import { servedSources } from './teachers/teacherSources';
import { createTrainingController } from './training/trainingHandlers';

// tsconfig has no WebWorker lib, so name the part of the worker scope we use.
interface WorkerScope {
  postMessage(message: WorkerMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
}
const scope = self as unknown as WorkerScope;

/** The backend the last successful init (or trial) proved; teachers need one. */
let backend: BackendName | null = null;
/** The served files; each data file is fetched once, whichever handler below asks first. */
const sources = servedSources();
/** The one registry of teachers (shipped and dropped) and the dropped image sets, shared by every request. */
const registry = createTeacherRegistry(sources, () => backend);
const droppedData = new DroppedData(decodeImage);
/** A dropped folder's files as they arrive in parts, until its loadImageFiles request. */
const stagedDrops = new StagedDrops();
const teachers = createTeacherHandlers(registry, sources, () => backend, (id) => droppedData.get(id));
/** Teachers and one MNIST batch for the trial and the benchmark, fetched on first use. */
const ckaFixture = ckaFixtureLoader(sources);
/** The user's override from the last init (?backend=); a later trial honours it too. */
let requestedBackend: BackendName | undefined;

const emit: Emit = (event) => scope.postMessage({ type: 'event', event });
const training = createTrainingController(trainingInputsLoader(registry, droppedData, sources, () => backend), () => backend, emit);
const student = createStudentHandlers((states, what) => training.sessionIn(states, what), registry, decodeImage);
const images = createImageHandlers(droppedData, sources);

/**
 * The WebGPU device under tfjs is gone. Training on it is failed at once (its step may never
 * settle), the backend is forgotten so a later init on webgpu gets a new device, and the page
 * hears of it; until the next init, requests that need tfjs fail 'not-initialized'.
 */
function deviceLost(loss: DeviceLoss): void {
  if (backend !== 'webgpu') return; // a device we had already left behind
  backend = null;
  const lost = training.deviceLost(`the WebGPU device was lost (${loss.reason}: ${loss.message})`);
  forgetWebGpuBackend();
  registry.forgetBuilt(); // their tensors died with the device; a later init on webgpu must rebuild them
  emit({ kind: 'device-lost', lost: { ...loss, ...lost } });
}

/** Watches the device of the backend just proved, when it is webgpu. */
function proved(name: BackendName): void {
  backend = name;
  if (name === 'webgpu') watchWebGpuDevice(deviceLost);
}

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
    proved(result.backend);
    return result;
  },
  loadTeacher: (request) => teachers.loadTeacher(request),
  loadData: (request) => teachers.loadData(request),
  evaluateTeacher: (request, emit) => teachers.evaluateTeacher(request, emit),
  loadTeacherFiles: (request) => teachers.loadTeacherFiles(request),
  stageImageFiles: async (request) => stagedDrops.stage(request),
  discardImageFiles: async (request) => ({ discarded: stagedDrops.discard(request.dropId) }),
  loadImageFiles: async (request, emit) => {
    const files = request.staged ? stagedDrops.take(request.staged, request.name) : request.files;
    const progress = (done: number, total: number) => emit({ kind: 'images-progress', progress: { name: request.name, done, total } });
    return droppedData.load({ ...request, files, staged: undefined }, progress);
  },
  previewImages: (request) => images.preview(request),
  exportStudent: (request) => student.exportStudent(request),
  predict: (request) => student.predict(request),
  trialBackends: async (request, emit) => {
    requireNoTraining('trial backends');
    // On failure the handler has put tfjs back on `backend`, so it stays proven.
    const override = { ...request, backend: request.backend ?? requestedBackend };
    const result = await handleTrialBackends(override, { previous: backend, emit });
    proved(result.backend);
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
  checkpointNow: () => training.checkpointNow(),
  trainingHistory: async () => training.history(),
  snapshot: () => training.snapshot(),
  probeImages: probeImagesHandler(() => training.sessionIn(['running', 'paused', 'complete'], 'send the probe images')),
  latestCheckpoint: () => training.latestCheckpoint(),
  listCheckpoints: () => training.listCheckpoints(),
  resumeFromCheckpoint: (request) => training.resumeFromCheckpoint(request.runId),
  deleteCheckpoint: async (request) => ({ deleted: await training.deleteCheckpoint(request.runId) }),
  holdLifeLock: async (request) => ({ held: await holdLifeLock(request.name) }),
  destroyWebGpuDevice: async () => {
    const device = backend === 'webgpu' ? currentWebGpuDevice() : null;
    if (!device) throw new WorkerFailure('bad-request', `the worker is on ${backend ?? 'no backend'}, not webgpu: there is no device to destroy`);
    device.destroy(); // GPUDevice.lost resolves next, and deviceLost() takes it from there
    return { destroyed: true };
  },
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
