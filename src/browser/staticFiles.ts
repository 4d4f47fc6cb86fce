import { errorMessage } from '../core/errorMessage';
/**
 * Fetching the app's own static files (public/, copied into dist/ by Vite) from the page or
 * the worker. Plain fetch, no tfjs: the page may import this.
 */

/** What went wrong, as a code the worker passes on as its protocol error code. */
export type StaticFileErrorCode = 'fetch-failed' | 'data-missing' | 'unknown-teacher' | 'bad-json';

export class StaticFileError extends Error {
  constructor(
    readonly code: StaticFileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StaticFileError';
  }
}

export interface StaticFetchOptions {
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** The app's base path; defaults to Vite's BASE_URL. */
  base?: string;
}

/**
 * Where a static file is served. BASE_URL is absolute ('/' unless vite.config sets `base`),
 * so the same path works from the page and from the worker, whose own URL is under assets/.
 */
export function staticUrl(path: string, options: StaticFetchOptions = {}): string {
  const base = options.base ?? import.meta.env.BASE_URL;
  return `${base.endsWith('/') ? base : `${base}/`}${path}`;
}

/**
 * A missing file does not always come back as a 404: Vite's dev and preview servers (and
 * many SPA hosts) answer any unknown path with index.html and a 200. A text/html answer
 * for a file that is not .html is that fallback, so it is reported as a 404.
 */
function fallbackAs404(response: Response, path: string): Response {
  const type = response.headers.get('content-type') ?? '';
  if (!response.ok || !type.startsWith('text/html') || /\.html?$/.test(path)) return response;
  return new Response(null, { status: 404, statusText: 'Not Found (the server sent its HTML page instead)' });
}

/**
 * GETs a static file; rejects only when no response came (StaticFileError('fetch-failed')).
 * An SPA fallback page reads as a 404.
 */
export async function fetchStatic(path: string, options: StaticFetchOptions = {}): Promise<Response> {
  const url = staticUrl(path, options);
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url);
  } catch (error) {
    const reason = errorMessage(error);
    throw new StaticFileError('fetch-failed', `GET ${url} failed: ${reason}`);
  }
  return fallbackAs404(response, path);
}

export function httpStatus(response: Response): string {
  return `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
}

/** Fetches a static file that must be there, as a StaticFileError('fetch-failed') unless it is 200. */
export async function fetchRequired(path: string, options: StaticFetchOptions = {}): Promise<Response> {
  const response = await fetchStatic(path, options);
  if (!response.ok) throw new StaticFileError('fetch-failed', `GET ${staticUrl(path, options)}: ${httpStatus(response)}`);
  return response;
}

/** The body of a fetched JSON file, parsed; StaticFileError('bad-json') names the URL when it is not JSON. */
export async function readJson(response: Response, url: string): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new StaticFileError('bad-json', `${url} is not valid JSON (${errorMessage(error)})`);
  }
}

/** Fetches and parses a JSON file that must be there. */
export async function fetchJson(path: string, options: StaticFetchOptions = {}): Promise<unknown> {
  return readJson(await fetchRequired(path, options), staticUrl(path, options));
}
