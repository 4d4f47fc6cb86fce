import type { ReadDataFile } from '../core/data/labelledImages';
import { fetchStatic, httpStatus, StaticFileError, staticUrl, type StaticFetchOptions } from './staticFiles';

/**
 * The browser's ReadDataFile: the files `npm run data` prepared under public/data/, as
 * served (dist/data/ after a build). The bytes go to the same core IDX reader Node uses;
 * it undoes the gzip itself, or takes plain bytes if the server already undid it.
 */
export function fetchDataFiles(options: StaticFetchOptions = {}): ReadDataFile {
  return async (dataSet, fileName) => {
    const path = `data/${dataSet}/${fileName}`;
    const response = await fetchStatic(path, options);
    if (!response.ok) {
      throw new StaticFileError(
        'data-missing',
        `${staticUrl(path, options)} is not served (${httpStatus(response)}): run \`npm run data\` to prepare the data sets, then rebuild`,
      );
    }
    return new Uint8Array(await response.arrayBuffer());
  };
}

export const readDataFileByFetch: ReadDataFile = fetchDataFiles();
