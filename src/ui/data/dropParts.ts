import type { DiscardImageFilesRequest, LoadImageFilesRequest, LoadImageFilesResult, StagedDropRef, StageImageFilesRequest, StageImageFilesResult } from '../../protocol/messages';
import { WorkerCallError } from '../../protocol/errors';
import { READ_CHUNK, readFiles, type PathedFile } from './dropFiles';

/** The worker's calls a dropped image folder needs, so tests can stand in for the worker. */
export interface ImageDropWorker {
  stage(request: StageImageFilesRequest): Promise<StageImageFilesResult>;
  discard(request: DiscardImageFilesRequest): Promise<unknown>;
  load(request: LoadImageFilesRequest): Promise<LoadImageFilesResult>;
}

/**
 * Files per message to the worker. Structured-cloning a message costs the page's main thread
 * about 5 µs a file (30,000 files in one loadImageFiles message: 152 ms of CPU, over the 75 ms
 * bound on one task); a part of 250 costs about 1 ms, and its files are read in one go.
 */
export const PART_FILES = READ_CHUNK;

let drops = 0;
/** A new id for every drop of this page: the worker keeps one drop's parts, under its id. */
export const newDropId = (): string => `drop-${Date.now().toString(36)}-${++drops}`;

/**
 * Reads a drop's files a part at a time and stages each part in the worker, its bytes
 * transferred; the loadImageFiles request then names the staged drop. Each part waits for the
 * worker's answer to the one before, so every part is sent in a task of its own, the page's
 * main thread runs between them, and a failed part stops the rest.
 *
 * `wanted()` is asked right before each part is sent and after the last: a drop given up (a
 * newer one started) stops there and returns null, its parts discarded. Asked with no await
 * before the send, it keeps an old drop's part from reaching the worker after a newer drop's
 * (which would discard the newer one's parts). A failure discards the parts staged so far and
 * is rethrown; when the worker itself is gone (aborted, crashed) its parts went with it, and a
 * discard would only start a fresh worker.
 */
export async function stageDrop(worker: ImageDropWorker, files: PathedFile[], wanted: () => boolean, partFiles = PART_FILES): Promise<StagedDropRef | null> {
  const dropId = newDropId();
  const parts = Math.ceil(files.length / partFiles);
  const giveUp = async () => (await worker.discard({ kind: 'discardImageFiles', dropId }), null);
  try {
    for (let part = 0; part < parts; part++) {
      const read = await readFiles(files.slice(part * partFiles, (part + 1) * partFiles), partFiles);
      if (!wanted()) return await giveUp();
      await worker.stage({ kind: 'stageImageFiles', dropId, part, files: read });
    }
  } catch (error) {
    const gone = error instanceof WorkerCallError && (error.code === 'aborted' || error.code === 'worker-crashed');
    if (!gone) await worker.discard({ kind: 'discardImageFiles', dropId }).catch(() => undefined); // the first error is the one to tell
    throw error;
  }
  return wanted() ? { dropId, parts, count: files.length } : giveUp();
}
