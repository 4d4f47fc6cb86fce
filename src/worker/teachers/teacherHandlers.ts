import { StaticFileError } from '../../browser/staticFiles';
import type { DataSetId, Split } from '../../core/data/dataSets';
import { concatLabelledImages, loadLabelledImages, type LabelledImages } from '../../core/data/labelledImages';
import { isDataSetId } from '../../core/data/dataSets';
import { spreadSample } from '../../core/teachers/inputScaling';
import { evaluateClassifier } from '../../core/teachers/trainClassifier';
import type {
  EvaluateTeacherRequest,
  EvaluateTeacherResult,
  LoadDataRequest,
  LoadDataResult,
  LoadTeacherFilesRequest,
  LoadTeacherFilesResult,
  LoadTeacherRequest,
  LoadTeacherResult,
} from '../../protocol/messages';
import { summarizeImages } from '../data/dataSummary';
import { WorkerFailure } from '../failure';
import type { TeacherRegistry } from './teacherRegistry';
import type { TeacherSources } from './teacherSources';
import { errorMessage } from '../../protocol/errors';

export interface TeacherHandlers {
  loadTeacher(request: LoadTeacherRequest): Promise<LoadTeacherResult>;
  loadTeacherFiles(request: LoadTeacherFilesRequest): Promise<LoadTeacherFilesResult>;
  loadData(request: LoadDataRequest): Promise<LoadDataResult>;
  evaluateTeacher(request: EvaluateTeacherRequest): Promise<EvaluateTeacherResult>;
}

/**
 * The worker's teacher and data requests: teachers come from the one registry training
 * uses too, splits from a cache filled through the same core loaders the Node scripts use.
 * `backend` is the backend init proved, or null before a successful init.
 */
/** The images of a dropped transfer set ('dropped:<name>'), which only the worker's image handlers hold. */
export type DroppedTransfer = (id: string) => LabelledImages;

export function createTeacherHandlers(registry: TeacherRegistry, sources: TeacherSources, backend: () => string | null, droppedTransfer?: DroppedTransfer): TeacherHandlers {
  const splits = new Map<string, LabelledImages>();

  function requireBackend(what: string): string {
    const name = backend();
    if (name === null) throw new WorkerFailure('not-initialized', `cannot ${what} before the worker has a tfjs backend: send init first`);
    return name;
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
      throw new WorkerFailure('bad-data', `${key}: ${errorMessage(error)}`);
    }
    splits.set(key, set);
    return { set, ms: performance.now() - started };
  }

  /** Transfer images (train split, pixels only) the input scaling check of a dropped model samples. */
  async function transferImages(data: string | undefined): Promise<LabelledImages | null> {
    if (data === undefined) return null;
    if (isDataSetId(data)) return (await images(data, 'train')).set;
    if (data === 'mnist+fashion-mnist') return concatLabelledImages((await images('mnist', 'train')).set, (await images('fashion-mnist', 'train')).set);
    return droppedTransfer ? droppedTransfer(data) : null;
  }

  return {
    async loadTeacher({ id }) {
      requireBackend(`load teacher '${id}'`);
      const { teacher: t, loaded, ms } = await registry.get(id);
      return { metadata: t.metadata, parameters: t.model.countParams(), loaded, ms };
    },

    async loadTeacherFiles({ name, files, labels, featureLayer, scaling: chosen, transfer }) {
      const set = await transferImages(transfer);
      const sample = set ? spreadSample(set.pixels, set) : undefined;
      try {
        const { id, teacher: t, ms, ignored, names, scaling } = await registry.addDropped(name, files, { labels, featureLayer, scaling: chosen }, sample);
        return { id, metadata: t.metadata, parameters: t.model.countParams(), loaded: true, ms, ignored, layers: names, outputs: t.outputs, scaling };
      } finally {
        sample?.dispose();
      }
    },

    async loadData({ dataSet, split }) {
      const { set, ms } = await images(dataSet, split);
      return { dataSet, split, ...summarizeImages(set), ms };
    },

    async evaluateTeacher({ id, split }) {
      const name = requireBackend(`evaluate teacher '${id}'`);
      const { teacher: t } = await registry.get(id);
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

