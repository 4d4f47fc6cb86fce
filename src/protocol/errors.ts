import { errorMessage } from '../core/errorMessage';
import type { ErrorCode, WorkerErrorInfo } from './messages';

export { errorMessage };

/** A failed call: the worker's typed error, or one the client raised (abort, crash). */
export class WorkerCallError extends Error {
  readonly code: ErrorCode;

  constructor(info: WorkerErrorInfo) {
    super(info.message);
    this.name = 'WorkerCallError';
    this.code = info.code;
  }
}

/** A protocol error (a WorkerErrorInfo, or a WorkerCallError that carries one), else null. */
function asErrorInfo(error: unknown): WorkerErrorInfo | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as Partial<Record<'code' | 'message', unknown>>;
  return typeof code === 'string' && typeof message === 'string' ? { code: code as ErrorCode, message } : null;
}

/** Anything thrown as protocol error info: the worker's code kept, anything else a bug on this side ('internal'). */
export function errorInfo(error: unknown): WorkerErrorInfo {
  return asErrorInfo(error) ?? { code: 'internal', message: errorMessage(error) };
}

/** How the page shows an error: a protocol error as "message [code]", anything else by its message. */
export function errorText(error: unknown): string {
  const info = asErrorInfo(error);
  return info ? `${info.message} [${info.code}]` : errorMessage(error);
}
