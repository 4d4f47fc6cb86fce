import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export type Served = string | Uint8Array | { status: number } | { html: true };

/**
 * A fetch over a folder (public/ by default), for Node tests of the browser code. `files`
 * overrides or adds paths (relative to the base, e.g. 'teachers/index.json'); `{html: true}`
 * answers like Vite's SPA fallback (index.html, 200). Missing files are 404s. Records every URL.
 */
export function fakeFetch(files: Record<string, Served> = {}, root = path.resolve('public')) {
  const requested: string[] = [];
  const fetch = async (input: RequestInfo | URL): Promise<Response> => {
    const url = String(input);
    requested.push(url);
    if (!url.startsWith('/')) throw new TypeError(`Failed to fetch ${url}`);
    const rel = decodeURIComponent(url.slice(1));
    const served = files[rel];
    if (served !== undefined) {
      if (typeof served === 'string') return new Response(served, { headers: { 'content-type': 'application/json' } });
      if (served instanceof Uint8Array) return new Response(served as BodyInit);
      if ('html' in served) return new Response('<!doctype html><html></html>', { headers: { 'content-type': 'text/html' } });
      return new Response(null, { status: served.status });
    }
    const file = path.join(root, rel);
    if (!existsSync(file) || !statSync(file).isFile()) return new Response('not found', { status: 404, statusText: 'Not Found' });
    return new Response(readFileSync(file) as BodyInit);
  };
  return { fetch: fetch as typeof globalThis.fetch, requested, base: '/' };
}
