import type { ImageDropSettings, LoadImageFilesRequest, LoadImageFilesResult, WorkerEvent } from '../../protocol/messages';
import type { StudioStore } from '../store/studioStore';
import { errorInfo } from '../../protocol/errors';
import { imageDropName, readFiles, type PathedFile } from './dropFiles';
import { decodingText } from './dataText';
import { PART_FILES, stageDrop, type ImageDropWorker } from './dropParts';
import { dropSizeRequest } from './dropResolution';

/**
 * The loadImageFiles request for a drop: a folder of one part goes in it whole; a larger one
 * is staged in the worker part by part first (null when a newer drop took over meanwhile).
 */
async function dropRequest(worker: ImageDropWorker, files: PathedFile[], settings: ImageDropSettings, wanted: () => boolean): Promise<LoadImageFilesRequest | null> {
  if (files.length <= PART_FILES) return { ...settings, files: await readFiles(files) };
  const staged = await stageDrop(worker, files, wanted);
  return staged && { ...settings, staged };
}

/**
 * Dropped image folders: a transfer set becomes the run's data once decoded; a labelled
 * folder attaches to the dropped transfer set it evaluates. Failures are a notice, and
 * change no set already loaded. A drop still being sent when another starts is given up
 * quietly: the newer one has the notice.
 */
export function createImageDrops(worker: ImageDropWorker, store: StudioStore) {
  let latest = 0;
  async function load(files: PathedFile[], role: 'transfer' | 'evaluation', transferId?: string): Promise<LoadImageFilesResult | null> {
    const { setDataNotice } = store.getState();
    const name = imageDropName(files.map((f) => f.path));
    const mine = ++latest;
    setDataNotice({ state: 'loading', text: `Reading ${files.length.toLocaleString('en-US')} files from ${name}…` });
    try {
      // A labelled folder is decoded at its transfer set's size (the worker knows it); a transfer folder at the working resolution.
      const size = role === 'transfer' ? dropSizeRequest(store.getState()) : {};
      const request = await dropRequest(worker, files, { kind: 'loadImageFiles', name, role, transferId, ...size }, () => mine === latest);
      if (!request) return null;
      const result = await worker.load(request);
      setDataNotice(null);
      return result;
    } catch (error) {
      const info = errorInfo(error);
      setDataNotice({ state: 'failed', text: `Could not use ${name}`, error: info });
      return null;
    }
  }

  return {
    /** The worker's decode count, into the notice of the load under way (and no other). */
    progress(event: WorkerEvent): void {
      if (event.kind !== 'images-progress') return;
      const { dataNotice, setDataNotice } = store.getState();
      const { name, done, total } = event.progress;
      if (dataNotice?.state !== 'loading' || !dataNotice.text.includes(` from ${name}`)) return;
      setDataNotice({ state: 'loading', text: decodingText(name, done, total) });
    },
    async transfer(files: PathedFile[]): Promise<void> {
      const result = await load(files, 'transfer');
      if (!result) return;
      const { addDroppedImageSet, setTransfer } = store.getState();
      const id = result.id as `dropped:${string}`;
      addDroppedImageSet({ id, name: imageDropName(files.map((f) => f.path)), transfer: result, evaluation: null });
      setTransfer(id);
    },
    async evaluation(transferId: string, files: PathedFile[]): Promise<void> {
      const result = await load(files, 'evaluation', transferId);
      if (result) store.getState().attachEvaluation(transferId, result);
    },
  };
}
