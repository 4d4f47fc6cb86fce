import { StaticFileError } from '../../browser/staticFiles';
import type { DataSetId, Split } from '../../core/data/dataSets';
import { concatLabelledImages, loadLabelledImages, type LabelledImages } from '../../core/data/labelledImages';
import { dataSets, isDataSetId } from '../../core/data/dataSets';
import { classesNamed, classesPartlyNamed } from '../../core/teachers/classMatch';
import { spreadSample } from '../../core/teachers/inputScaling';
import type { Teacher } from '../../core/teachers/loadTeacher';
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
  TeacherEvaluationProgress,
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
  evaluateTeacher(request: EvaluateTeacherRequest, emit?: EmitProgress): Promise<EvaluateTeacherResult>;
}

/**
 * The worker's teacher and data requests: teachers come from the one registry training
 * uses too, splits from a cache filled through the same core loaders the Node scripts use.
 * `backend` is the backend init proved, or null before a successful init.
 */
/** A dropped image set ('dropped:<name>') and its labelled evaluation folder, which only the worker's image handlers hold. */
export type DroppedSets = (id: string) => { transfer: LabelledImages; evaluation: LabelledImages | null };

/** Reports evaluateTeacher's progress as worker events. */
export type EmitProgress = (event: { kind: 'teacher-evaluation-progress'; progress: TeacherEvaluationProgress }) => void;

export function createTeacherHandlers(registry: TeacherRegistry, sources: TeacherSources, backend: () => string | null, droppedSets?: DroppedSets): TeacherHandlers {
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
    return droppedSets ? droppedSets(data).transfer : null;
  }

  /**
   * What to measure a teacher on: its provenance (shipped), the dropped evaluation folder
   * named by `on`, or the first built-in set whose class names hold all its labels.
   */
  async function evaluationTarget(t: Teacher, split: Split, on: string | undefined): Promise<{ dataSet: string; set: LabelledImages; classes: number[] }> {
    const { id, labels, provenance } = t.metadata;
    if (on !== undefined) {
      const evaluation = droppedSets?.(on).evaluation;
      if (!evaluation) throw new WorkerFailure('no-matching-classes', `${on} has no labelled evaluation folder: drop one (a sub-folder per class) on its card first`);
      // A folder may hold some of the teacher's classes: its images of those are what is measured.
      const classes = classesPartlyNamed(labels, evaluation.labelNames);
      if (!classes) throw new WorkerFailure('no-matching-classes', `none of ${id}'s labels (${labels.join(', ')}) is a class folder of ${on}'s evaluation folder (${evaluation.labelNames.join(', ')})`);
      return { dataSet: on, set: evaluation, classes };
    }
    if (provenance) return { dataSet: provenance.dataSet, set: (await images(provenance.dataSet, split)).set, classes: provenance.classes };
    for (const dataSet of Object.keys(dataSets) as DataSetId[]) {
      const classes = classesNamed(labels, dataSets[dataSet].labelNames);
      if (classes) return { dataSet, set: (await images(dataSet, split)).set, classes };
    }
    const known = (Object.keys(dataSets) as DataSetId[]).map((d) => `${dataSets[d].title}: ${dataSets[d].labelNames.join(', ')}`).join('; ');
    throw new WorkerFailure('no-matching-classes', `${id}'s labels (${labels.join(', ')}) are not classes of a built-in test set (${known}): drop a labelled folder to evaluate it on`);
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

    async evaluateTeacher({ id, split, on }, emit) {
      const name = requireBackend(`evaluate teacher '${id}'`);
      const { teacher: t } = await registry.get(id);
      if (!t.metadata.provenance && !id.startsWith('dropped:') && on === undefined) {
        throw new WorkerFailure('no-provenance', `${id}/metadata.json has no provenance, so its data set and classes are unknown`);
      }
      const { dataSet, set, classes } = await evaluationTarget(t, split, on);
      const started = performance.now();
      const progress = (done: number, total: number) => emit?.({ kind: 'teacher-evaluation-progress', progress: { id, done, total } });
      const { accuracy, samples } = await evaluateClassifier((x) => t.run(x).logits, set, classes, 500, progress);
      const ms = performance.now() - started;
      return { id, dataSet, split, classes, accuracy, samples, backend: name, ms };
    },
  };
}

