import type { LoadTeacherResult, WorkerErrorInfo } from '../../protocol/messages';

/** Where one teacher stands in the worker, as the page last heard. */
export type TeacherLoad =
  | { phase: 'loading' }
  | { phase: 'loaded'; result: LoadTeacherResult }
  | { phase: 'failed'; error: WorkerErrorInfo };

export type LoadTeacherCall = (id: string) => Promise<LoadTeacherResult>;

export function errorInfo(error: unknown): WorkerErrorInfo {
  // WorkerCallError carries the worker's code; anything else is a bug on this side.
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    return { code: error.code as WorkerErrorInfo['code'], message: error.message };
  }
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/**
 * The page's record of loadTeacher calls, by teacher id, for the cards (and for ids with
 * no card, such as a mistyped one) to show. A plain external store for useSyncExternalStore:
 * every change replaces the map, so a snapshot never changes under a render.
 */
export class TeacherLoads {
  private states: ReadonlyMap<string, TeacherLoad> = new Map();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly call: LoadTeacherCall) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): ReadonlyMap<string, TeacherLoad> => this.states;

  /** Loads `id` into the worker; resolves (never rejects) with how it ended. */
  async load(id: string): Promise<TeacherLoad> {
    this.set(id, { phase: 'loading' });
    let outcome: TeacherLoad;
    try {
      outcome = { phase: 'loaded', result: await this.call(id) };
    } catch (error) {
      outcome = { phase: 'failed', error: errorInfo(error) };
    }
    this.set(id, outcome);
    return outcome;
  }

  private set(id: string, state: TeacherLoad): void {
    this.states = new Map(this.states).set(id, state);
    for (const listener of this.listeners) listener();
  }
}
