import { describe, expect, it } from 'vitest';
import { dataSets, type DataSetId } from '../core/data/dataSets';
import { loadLabelledImages } from '../core/data/labelledImages';
import { readDataFileFromDisk } from './dataFiles';

// The registry's side and channels stand in for the files wherever they are not loaded (the
// method panel's student size): the prepared files must match them. Missing files fail here
// ("run npm run data"), they do not skip.
describe('built-in data sets as prepared by npm run data', () => {
  it.each(Object.keys(dataSets) as DataSetId[])('%s: every image is side x side with the registry’s channels', async (id) => {
    for (const split of ['train', 'test'] as const) {
      const set = await loadLabelledImages(id, split, readDataFileFromDisk);
      expect([set.height, set.width, set.channels], `${id}/${split}`).toEqual([dataSets[id].side, dataSets[id].side, dataSets[id].channels]);
    }
  });
});
