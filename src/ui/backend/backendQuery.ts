import { isBackendName, type BackendName } from '../../protocol/messages';

/** `?backend=<name>` forces the worker's first choice; useful for tests and comparisons. */
export type BackendQuery = { ok: true; backend: BackendName | undefined } | { ok: false; message: string };

export function backendFromQuery(search: string): BackendQuery {
  const value = new URLSearchParams(search).get('backend');
  if (value === null || value === '') return { ok: true, backend: undefined };
  if (isBackendName(value)) return { ok: true, backend: value };
  return { ok: false, message: `unknown backend '${value}' in the URL (use webgpu, wasm, webgl or cpu)` };
}
