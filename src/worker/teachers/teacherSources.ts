import { fetchDataFiles } from '../../browser/dataFiles';
import type { StaticFetchOptions } from '../../browser/staticFiles';
import { fetchModelFiles } from '../../browser/teacherFiles';
import { fetchTeacherIndex, fetchTeacherMetadata } from '../../browser/teacherZoo';
import type { ReadDataFile } from '../../core/data/labelledImages';
import type { ModelFiles } from '../../core/teachers/modelArtifacts';
import type { TeacherMetadata } from '../../core/teachers/teacherMetadata';
import { cachedPromise } from '../promiseCache';

/** Where the worker reads the shipped zoo and the data sets from; tests swap in files on disk. */
export interface TeacherSources {
  teacherIds(): Promise<string[]>;
  metadata(id: string): Promise<TeacherMetadata>;
  modelFiles(id: string): Promise<ModelFiles>;
  readData: ReadDataFile;
}

/**
 * The served files (dist/ after a build), fetched. Each data file is fetched and unzipped
 * once per sources object and its bytes shared: the data panel, teacher evaluation, training
 * and the backend trial all read the same 10-50 MB files, and nothing writes into them.
 */
export function servedSources(options: StaticFetchOptions = {}): TeacherSources {
  const fetchData = fetchDataFiles(options);
  const dataFiles = new Map<string, Promise<Uint8Array>>();
  return {
    teacherIds: () => fetchTeacherIndex(options),
    metadata: (id) => fetchTeacherMetadata(id, options),
    modelFiles: (id) => fetchModelFiles(id, options),
    readData: (dataSet, fileName) => cachedPromise(dataFiles, `${dataSet}/${fileName}`, () => fetchData(dataSet, fileName)),
  };
}
