import type { TransferData } from '../../core/method/config';
import type { LoadImageFilesResult, WorkerErrorInfo } from '../../protocol/messages';
import type { StudioSlice } from './slice';

/** A dropped image folder as the worker summarised it, with its labelled evaluation folder once dropped. */
export interface DroppedImageSet {
  id: TransferData;
  name: string;
  transfer: LoadImageFilesResult;
  evaluation: LoadImageFilesResult | null;
}

/** The data panel's latest message: a load under way, or why one failed. */
export type DataNotice = { state: 'loading'; text: string } | { state: 'failed'; text: string; error: WorkerErrorInfo } | null;

/** The transfer set (built-in or dropped images) and the optional labelled evaluation set. */
export interface DataSlice {
  /** RunConfig.data for the run: a built-in set or 'dropped:<name>'. */
  transfer: TransferData;
  droppedImageSets: DroppedImageSet[];
  dataNotice: DataNotice;
  setTransfer(data: TransferData): void;
  addDroppedImageSet(set: DroppedImageSet): void;
  attachEvaluation(id: string, evaluation: LoadImageFilesResult): void;
  setDataNotice(notice: DataNotice): void;
}

export const createDataSlice: StudioSlice<DataSlice> = (set) => ({
  transfer: 'mnist',
  droppedImageSets: [],
  dataNotice: null,
  setTransfer: (transfer) => set({ transfer }),
  addDroppedImageSet: (added) => set((s) => ({ droppedImageSets: [...s.droppedImageSets.filter((d) => d.id !== added.id), added] })),
  attachEvaluation: (id, evaluation) =>
    set((s) => ({ droppedImageSets: s.droppedImageSets.map((d) => (d.id === id ? { ...d, evaluation } : d)) })),
  setDataNotice: (dataNotice) => set({ dataNotice }),
});
