import { fetchDataFiles } from '../browser/dataFiles';
import type { StaticFetchOptions } from '../browser/staticFiles';
import { fetchModelFiles } from '../browser/teacherFiles';
import { fetchTeacherIndex, fetchTeacherMetadata } from '../browser/teacherZoo';
import type { ReadDataFile } from '../core/data/labelledImages';
import type { ModelFiles } from '../core/teachers/modelArtifacts';
import type { TeacherMetadata } from '../core/teachers/teacherMetadata';

/** Where the worker reads the shipped zoo and the data sets from; tests swap in files on disk. */
export interface TeacherSources {
  teacherIds(): Promise<string[]>;
  metadata(id: string): Promise<TeacherMetadata>;
  modelFiles(id: string): Promise<ModelFiles>;
  readData: ReadDataFile;
}

/** The served files (dist/ after a build), fetched. */
export function servedSources(options: StaticFetchOptions = {}): TeacherSources {
  return {
    teacherIds: () => fetchTeacherIndex(options),
    metadata: (id) => fetchTeacherMetadata(id, options),
    modelFiles: (id) => fetchModelFiles(id, options),
    readData: fetchDataFiles(options),
  };
}
