/**
 * The training worker: owns tfjs (the page never imports it) and answers protocol
 * requests one at a time, because tfjs's backend and memory are global state.
 */
import type { RequestKind, RequestMap, ResultOf, WorkerMessage } from '../protocol/messages';
import { envelopeId, parseEnvelope } from '../protocol/validate';
import { toErrorInfo } from './failure';
import { handleInit, type Emit } from './initHandler';
import { createTeacherHandlers } from './teacherHandlers';
import { servedSources } from './teacherSources';

// tsconfig has no WebWorker lib, so name the part of the worker scope we use.
interface WorkerScope {
  postMessage(message: WorkerMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
}
const scope = self as unknown as WorkerScope;

/** The backend the last successful init proved; teachers need one. */
let backend: string | null = null;
const teachers = createTeacherHandlers(servedSources(), () => backend);

type Handlers = { [K in RequestKind]: (request: RequestMap[K]['request'], emit: Emit) => Promise<ResultOf<K>> };
const handlers: Handlers = {
  init: async (request, emit) => {
    backend = null; // a failed re-init leaves tfjs on no proven backend
    const result = await handleInit(request, emit);
    backend = result.backend;
    return result;
  },
  loadTeacher: (request) => teachers.loadTeacher(request),
  loadData: (request) => teachers.loadData(request),
  evaluateTeacher: (request) => teachers.evaluateTeacher(request),
};

const emit: Emit = (event) => scope.postMessage({ type: 'event', event });

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
