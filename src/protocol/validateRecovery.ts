import type { WorkerErrorInfo, WorkerRequest } from './messages';

/** The client makes lock names itself; the pattern only catches skew. */
const isLockName = (value: unknown): value is string => typeof value === 'string' && /^[A-Za-z0-9._-]{1,100}$/.test(value);

/** holdLifeLock and destroyWebGpuDevice; null for any other kind. */
export function parseRecoveryRequest(request: Record<string, unknown>): WorkerRequest | WorkerErrorInfo | null {
  if (request.kind === 'destroyWebGpuDevice') return { kind: 'destroyWebGpuDevice' };
  if (request.kind !== 'holdLifeLock') return null;
  if (!isLockName(request.name)) return { code: 'bad-request', message: `lock name ${JSON.stringify(request.name)} is not a plain name` };
  return { kind: 'holdLifeLock', name: request.name };
}
