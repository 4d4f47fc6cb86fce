import type * as tf from '@tensorflow/tfjs';
import { requireShipped } from '../../browser/teacherZoo';
import { matchDroppedFiles, type DroppedModelFiles, type NamedBytes } from '../../core/teachers/droppedFiles';
import type { DroppedChoices } from '../../core/teachers/droppedMetadata';
import { droppedModelName, shortSlug } from '../../core/teachers/droppedName';
import type { Scaling, ScalingCheck } from '../../core/teachers/inputScaling';
import { loadDroppedTeacher } from '../../core/teachers/loadDropped';
import { loadTeacher, type Teacher } from '../../core/teachers/loadTeacher';
import { MetadataError, type TeacherMetadata } from '../../core/teachers/teacherMetadata';
import { WorkerFailure } from '../failure';
import type { TeacherSources } from './teacherSources';

/** Dropped teachers have ids of this form, which no shipped folder name can take. */
export const DROPPED_PREFIX = 'dropped:';

export interface DroppedTeacher {
  id: string;
  teacher: Teacher;
  /** The input scaling check, when the model's metadata does not give its scaling. */
  scaling: ScalingCheck | null;
  ms: number;
  /** Dropped files the model does not use. */
  ignored: string[];
  /** Layer (or graph node) names the feature can be chosen from. */
  names: string[];
}

export interface DropChoices {
  labels?: string[];
  featureLayer?: string;
  scaling?: Scaling;
}

/**
 * The worker's one registry of teachers, shipped and dropped, used by the teacher requests
 * and by training alike. Teachers live on one tfjs backend: after a backend switch each is
 * rebuilt on first use, a dropped one from the bytes it was dropped with.
 */
export interface TeacherRegistry {
  get(id: string): Promise<{ teacher: Teacher; loaded: boolean; ms: number }>;
  /** Loads dropped files (`sample`: transfer images for the input scaling check); the registry changes only if the load succeeds. */
  addDropped(name: string, files: NamedBytes[], choices: DropChoices, sample?: tf.Tensor4D): Promise<DroppedTeacher>;
  /** Drops every built teacher (a lost WebGPU device took their tensors); each is rebuilt on next use. */
  forgetBuilt(): void;
}

/** What rebuilds a dropped teacher after a backend switch: its files and the choices it loaded with. */
interface Recipe {
  matched: DroppedModelFiles;
  choices: DroppedChoices;
}

export function createTeacherRegistry(sources: TeacherSources, backend: () => string | null): TeacherRegistry {
  const loaded = new Map<string, Promise<Teacher>>();
  const dropped = new Map<string, Recipe>();
  let builtOn: string | null = null;

  function forgetBuilt(): void {
    for (const t of loaded.values()) void t.then((x) => x.dispose()).catch(() => undefined);
    loaded.clear();
    builtOn = null;
  }

  function requireBackend(what: string): void {
    const name = backend();
    if (name === null) throw new WorkerFailure('not-initialized', `cannot ${what} before the worker has a tfjs backend: send init first`);
    if (builtOn !== name) {
      forgetBuilt();
      builtOn = name;
    }
  }

  async function shipped(id: string): Promise<Teacher> {
    requireShipped(id, await sources.teacherIds());
    let metadata: TeacherMetadata;
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
    return loadTeacher(await sources.modelFiles(id), metadata);
  }

  function build(id: string): Promise<Teacher> {
    const recipe = dropped.get(id);
    if (recipe) return loadDroppedTeacher(recipe.matched, recipe.choices).then((built) => built.teacher);
    if (id.startsWith(DROPPED_PREFIX)) throw new WorkerFailure('unknown-teacher', `no dropped teacher has the id '${id}'`);
    return shipped(id);
  }

  function freeId(name: string): string {
    const base = `${DROPPED_PREFIX}${shortSlug(name)}`;
    let id = base;
    for (let n = 2; dropped.has(id); n++) id = `${base}-${n}`;
    return id;
  }

  return {
    forgetBuilt,

    async get(id) {
      requireBackend(`load teacher '${id}'`);
      const known = loaded.get(id);
      if (known) return { teacher: await known, loaded: false, ms: 0 };
      const started = performance.now();
      // Cached as a promise so two requests share one load; forgotten if it fails, so a retry reloads.
      const pending = build(id);
      loaded.set(id, pending);
      pending.catch(() => loaded.get(id) === pending && loaded.delete(id));
      return { teacher: await pending, loaded: true, ms: performance.now() - started };
    },

    async addDropped(name, files, choices, sample) {
      requireBackend(`load the dropped model '${name}'`);
      const started = performance.now();
      const matched = matchDroppedFiles(name, files);
      // Its metadata or model.json names the model better than loose file names do.
      const title = droppedModelName(matched, name);
      const id = freeId(typeof matched.metadata?.id === 'string' ? matched.metadata.id : title);
      const resolved: DroppedChoices = { id, title, ...choices };
      const { teacher, names, scaling } = await loadDroppedTeacher(matched, resolved, sample);
      // A rebuild (after a backend switch) keeps the scaling the check chose, without the sample.
      const { mean, std } = teacher.metadata.input;
      dropped.set(id, { matched, choices: scaling ? { ...resolved, scaling: { mean, std } } : resolved });
      loaded.set(id, Promise.resolve(teacher));
      return { id, teacher, ms: performance.now() - started, ignored: matched.ignored, names, scaling };
    },
  };
}
