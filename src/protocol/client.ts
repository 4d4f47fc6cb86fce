import type {
  RequestEnvelope,
  ResultOf,
  WorkerEvent,
  WorkerMessage,
  WorkerRequest,
} from './messages';
import { WorkerCallError } from './errors';
import { transferList } from './transferList';

interface Pending {
  resolve: (result: ResultOf<WorkerRequest['kind']>) => void;
  reject: (error: WorkerCallError) => void;
}

export type EventListener = (event: WorkerEvent) => void;
export type CrashListener = (error: WorkerCallError) => void;
export type WorkerFactory = () => Worker;

/** The part of the Web Locks API the client uses to learn that its worker is gone. */
export interface LockManagerLike {
  request(name: string, callback: () => unknown): Promise<unknown>;
}

function pageLocks(): LockManagerLike | null {
  return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null;
}

/**
 * Typed calls into the training worker. The worker starts on the first call; aborting a
 * call terminates it (tfjs work cannot be interrupted any other way) and rejects every
 * pending call, and the next call starts a fresh worker.
 *
 * A worker that dies on its own (an uncaught error, a terminate() the client did not make,
 * the browser killing it) rejects every pending call with 'worker-crashed' and is reported
 * to onCrash listeners. Death is seen through a Web Lock the worker holds for its whole life
 * (holdLifeLock): the browser frees it only when the worker is gone, and no event says so.
 */
export class TrainingWorkerClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<EventListener>();
  private readonly crashListeners = new Set<CrashListener>();

  constructor(
    // The page names the worker's script (protocol must not know where the worker lives).
    private readonly createWorker: WorkerFactory,
    private readonly locks: LockManagerLike | null = pageLocks(),
  ) {}

  call<R extends WorkerRequest>(request: R, signal?: AbortSignal): Promise<ResultOf<R['kind']>> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    const id = this.nextId++;
    return new Promise<ResultOf<R['kind']>>((resolve, reject) => {
      const onAbort = () => this.terminate(abortError(signal));
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle = () => signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        // The worker answers an id with the result of that id's request kind.
        resolve: (result) => (settle(), resolve(result as ResultOf<R['kind']>)),
        reject: (error) => (settle(), reject(error)),
      });
      const envelope: RequestEnvelope = { id, request };
      this.ensureWorker().postMessage(envelope, transferList(request));
    });
  }

  /** Subscribe to worker events; returns the unsubscribe function. */
  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Hear of a worker that died on its own; returns the unsubscribe function. */
  onCrash(listener: CrashListener): () => void {
    this.crashListeners.add(listener);
    return () => this.crashListeners.delete(listener);
  }

  /** Stop the worker now; pending calls reject with `error` (default: aborted). */
  terminate(error = new WorkerCallError({ code: 'aborted', message: 'worker terminated' })): void {
    this.worker?.terminate();
    this.worker = null;
    this.rejectAll(error);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.addEventListener('message', (e: MessageEvent<WorkerMessage>) => this.receive(e.data));
    worker.addEventListener('error', (e: ErrorEvent) => this.crashed(e.message || 'worker failed to load'));
    worker.addEventListener('messageerror', () => this.crashed('worker sent an unreadable message'));
    this.worker = worker;
    if (this.locks) this.watchLife(worker, this.locks);
    return worker;
  }

  /** The worker takes a lock for life; the page's request for it is granted once the worker is gone. */
  private watchLife(worker: Worker, locks: LockManagerLike): void {
    const name = `cka-worker-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    const gone = () => {
      if (this.worker === worker) this.crashed('it ended without a word: terminated, or crashed');
    };
    this.call({ kind: 'holdLifeLock', name })
      .then(({ held }) => (held && this.worker === worker ? locks.request(name, gone) : undefined))
      .catch(() => undefined); // the worker ended before it took the lock: that path reported it already
  }

  private receive(message: WorkerMessage): void {
    if (message.type === 'event') {
      for (const listener of this.listeners) listener(message.event);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return; // answer to a call that was already rejected
    this.pending.delete(message.id);
    if (message.type === 'result') pending.resolve(message.result);
    else pending.reject(new WorkerCallError(message.error));
  }

  private crashed(message: string): void {
    const error = new WorkerCallError({ code: 'worker-crashed', message });
    this.terminate(error);
    for (const listener of this.crashListeners) listener(error);
  }

  private rejectAll(error: WorkerCallError): void {
    const calls = [...this.pending.values()];
    this.pending.clear();
    for (const call of calls) call.reject(error);
  }
}

function abortError(signal: AbortSignal | undefined): WorkerCallError {
  const reason: unknown = signal?.reason;
  const message = reason instanceof Error ? reason.message : 'call aborted';
  return new WorkerCallError({ code: 'aborted', message });
}
