import type { ErrorCode, WorkerErrorInfo } from '../protocol/messages';

/** Thrown by a handler to fail its request with a specific protocol error code. */
export class WorkerFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WorkerFailure';
  }
}

export function toErrorInfo(error: unknown): WorkerErrorInfo {
  if (error instanceof WorkerFailure) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message };
}
