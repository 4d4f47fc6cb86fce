import { StaticFileError } from '../browser/staticFiles';
import { TeacherLoadError } from '../core/teachers/teacherLoadError';
import { MetadataError } from '../core/teachers/teacherMetadata';
import type { ErrorCode, WorkerErrorInfo } from '../protocol/messages';
import { errorMessage } from '../protocol/errors';

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

/**
 * The protocol error for anything a handler threw. Errors that carry a code of their own
 * (the core teacher loader's, the static file fetchers') keep it; invalid metadata is
 * 'bad-metadata'; anything else is 'internal'.
 */
export function toErrorInfo(error: unknown): WorkerErrorInfo {
  if (error instanceof WorkerFailure || error instanceof StaticFileError || error instanceof TeacherLoadError) {
    return { code: error.code, message: error.message };
  }
  if (error instanceof MetadataError) return { code: 'bad-metadata', message: error.message };
  const message = errorMessage(error);
  return { code: 'internal', message };
}
