import { baseName, type ModelFiles } from '../core/teachers/modelArtifacts';
import { fetchRequired, fetchStatic, httpStatus, StaticFileError, staticUrl, type StaticFetchOptions } from './staticFiles';
import { teacherPath } from './teacherZoo';

/**
 * A served model folder (teachers/<id>/) as the core loader's ModelFiles: the browser twin
 * of src/node/teacherFiles.ts `modelFilesFromDir`. Shards are matched by base name, and a
 * missing one (404) reads as undefined so the core loader reports it as 'missing-shard'.
 */
export async function fetchModelFiles(id: string, options: StaticFetchOptions = {}): Promise<ModelFiles> {
  const modelJson = await (await fetchRequired(teacherPath(id, 'model.json'), options)).text();
  return {
    name: `${id}/model.json`,
    modelJson,
    async readWeights(weightPath) {
      const path = teacherPath(id, encodeURIComponent(baseName(weightPath)));
      const response = await fetchStatic(path, options);
      if (response.status === 404) return undefined;
      if (!response.ok) throw new StaticFileError('fetch-failed', `GET ${staticUrl(path, options)}: ${httpStatus(response)}`);
      return response.arrayBuffer();
    },
  };
}
