import { isDataSetId } from '../../core/data/dataSets';
import { concatLabelledImages, loadLabelledImages, type LabelledImages } from '../../core/data/labelledImages';
import { gatherPixels } from '../../core/data/transferSet';
import type { PreviewImagesRequest, PreviewImagesResult } from '../../protocol/messages';
import { isDroppedData, type DroppedData } from './droppedData';
import { WorkerFailure } from '../failure';
import { cachedPromise } from '../promiseCache';
import type { TeacherSources } from '../teachers/teacherSources';

export interface ImageHandlers {
  preview(request: PreviewImagesRequest): Promise<PreviewImagesResult>;
}

/** Evenly spaced images, so a preview of a class-sorted set still shows several classes. */
function spread(count: number, wanted: number): Int32Array {
  const n = Math.min(count, wanted);
  return Int32Array.from({ length: n }, (_, i) => Math.floor((i * count) / n));
}

/** Preview images for the data panel: built-in sets from their (small) test split, dropped sets as decoded. */
export function createImageHandlers(dropped: DroppedData, sources: TeacherSources): ImageHandlers {
  const tests = new Map<string, Promise<LabelledImages>>();

  function builtInTest(data: string): Promise<LabelledImages> {
    const ids = data.split('+');
    if (!ids.every(isDataSetId)) throw new WorkerFailure('bad-request', `unknown data '${data}'`);
    return cachedPromise(tests, data, async () => {
      const sets = await Promise.all(ids.map((id) => loadLabelledImages(id, 'test', sources.readData)));
      return sets.reduce((a, b) => concatLabelledImages(a, b));
    });
  }

  return {
    async preview({ data, count }) {
      const set = isDroppedData(data) ? dropped.get(data).transfer : await builtInTest(data);
      const indices = spread(set.count, count);
      const { pixels } = gatherPixels(set.pixels, set.height * set.width * set.channels, indices);
      const labels = Array.from(indices, (i) => set.labelNames[set.labels[i]] ?? null);
      return { height: set.height, width: set.width, channels: set.channels, pixels, labels, total: set.count };
    },
  };
}
