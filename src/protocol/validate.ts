import { isBackendName, type RequestEnvelope, type WorkerErrorInfo } from './messages';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Checks a message that arrived at the worker. Both ends are ours, so this guards
 * against version skew and typos rather than hostile input.
 */
export function parseEnvelope(data: unknown): RequestEnvelope | WorkerErrorInfo {
  if (!isRecord(data) || typeof data.id !== 'number' || !isRecord(data.request)) {
    return { code: 'bad-request', message: 'message is not a request envelope' };
  }
  const { id, request } = data;
  switch (request.kind) {
    case 'init':
      if (request.backend !== undefined && !isBackendName(request.backend)) {
        return { code: 'bad-request', message: `unknown backend '${String(request.backend)}'` };
      }
      return { id, request: { kind: 'init', backend: request.backend } };
    default:
      return { code: 'bad-request', message: `unknown request kind '${String(request.kind)}'` };
  }
}

export function envelopeId(data: unknown): number {
  return isRecord(data) && typeof data.id === 'number' ? data.id : -1;
}
