import { StaticFileError } from '../browser/staticFiles';
import { requireShipped } from '../browser/teacherZoo';
import type { DataSetId, Split } from '../core/data/dataSets';
import { loadLabelledImages, type LabelledImages } from '../core/data/labelledImages';
import { loadTeacher, type Teacher } from '../core/teachers/loadTeacher';
import { MetadataError } from '../core/teachers/teacherMetadata';
import { evaluateClassifier } from '../core/teachers/trainClassifier';
import type {
  EvaluateTeacherRequest,
  EvaluateTeacherResult,
  LoadDataRequest,
  LoadDataResult,
  LoadTeacherRequest,
  LoadTeacherResult,
} from '../protocol/messages';
import { summarizeImages } from './dataSummary';
import { WorkerFailure } from './failure';
import type { TeacherSources } from './teacherSources';

export interface TeacherHandlers {
  loadTeacher(request: LoadTeacherRequest): Promise<LoadTeacherResult>;
  loadData(request: LoadDataRequest): Promise<LoadDataResult>;
  evaluateTeacher(request: EvaluateTeacherRequest): Promise<EvaluateTeacherResult>;
}

/**
 * The worker's teachers and data: a registry of loaded teachers by id and a cache of
 * loaded splits, both filled through the same core loaders the Node scripts use.
 * `backend` is the backend init proved, or null before a successful init.
 */
export function createTeacherHandlers(sources: TeacherSources, backend: () => string | null): TeacherHandlers {
  const teachers = new Map<string, Teacher>();
  const splits = new Map<string, LabelledImages>();

  function requireBackend(what: string): string {
    const name = backend();
    if (name === null) throw new WorkerFailure('not-initialized', `cannot ${what} before the worker has a tfjs backend: send init first`);
    return name;
  }

  async function teacher(id: string): Promise<{ teacher: Teacher; loaded: boolean; ms: number }> {
    const known = teachers.get(id);
    if (known) return { teacher: known, loaded: false, ms: 0 };
    const started = performance.now();
    requireShipped(id, await sources.teacherIds());
    let metadata;
    try {
      metadata = await sources.metadata(id);
    } catch (error) {
      // The core parser names the field, not the teacher.
      if (error instanceof MetadataError) throw new WorkerFailure('bad-metadata', `${id}/${error.message}`);
      throw error;
    }
    if (metadata.id !== id) {
      throw new WorkerFailure('bad-metadata', `${id}/metadata.json: id is '${metadata.id}', not the folder's name '${id}'`);
    }
    const loadedTeacher = await loadTeacher(await sources.modelFiles(id), metadata);
    teachers.set(id, loadedTeacher);
    return { teacher: loadedTeacher, loaded: true, ms: performance.now() - started };
  }

  async function images(dataSet: DataSetId, split: Split): Promise<{ set: LabelledImages; ms: number }> {
    const key = `${dataSet}/${split}`;
    const known = splits.get(key);
    if (known) return { set: known, ms: 0 };
    const started = performance.now();
    let set: LabelledImages;
    try {
      set = await loadLabelledImages(dataSet, split, sources.readData);
    } catch (error) {
      if (error instanceof StaticFileError) throw error;
      // Served, but not IDX (a truncated download, a server that mangled it, ...).
      throw new WorkerFailure('bad-data', `${key}: ${error instanceof Error ? error.message : String(error)}`);
    }
    splits.set(key, set);
    return { set, ms: performance.now() - started };
  }

  return {
    async loadTeacher({ id }) {
      requireBackend(`load teacher '${id}'`);
      const { teacher: t, loaded, ms } = await teacher(id);
      return { metadata: t.metadata, parameters: t.model.countParams(), loaded, ms };
    },

    async loadData({ dataSet, split }) {
      const { set, ms } = await images(dataSet, split);
      return { dataSet, split, ...summarizeImages(set), ms };
    },

    async evaluateTeacher({ id, split }) {
      const name = requireBackend(`evaluate teacher '${id}'`);
      const { teacher: t } = await teacher(id);
      const provenance = t.metadata.provenance;
      if (!provenance) {
        throw new WorkerFailure('no-provenance', `${id}/metadata.json has no provenance, so its data set and classes are unknown`);
      }
      const { set } = await images(provenance.dataSet, split);
      const started = performance.now();
      const { accuracy, samples } = await evaluateClassifier((x) => t.run(x).logits, set, provenance.classes);
      const ms = performance.now() - started;
      return { id, dataSet: provenance.dataSet, split, classes: provenance.classes, accuracy, samples, backend: name, ms };
    },
  };
}

