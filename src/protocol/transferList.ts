import type { WorkerRequest } from './messages';

/**
 * The buffers a request hands over to the worker instead of copying: a dropped folder's file
 * bytes. Copying 10,000 files (123 MB) held the page's main thread for 290 ms of CPU in one
 * postMessage; a transfer moves them at no cost. The caller's buffers are detached
 * afterwards, so only requests whose bytes were read for this call alone may list them.
 * A buffer listed twice would make postMessage throw, so each is listed once. A folder sent
 * in parts (stageImageFiles) hands over each part's bytes with that part.
 */
export function transferList(request: WorkerRequest): ArrayBuffer[] {
  if (request.kind !== 'loadImageFiles' && request.kind !== 'stageImageFiles') return [];
  return [...new Set((request.files ?? []).map((f) => f.bytes))];
}
