import { labelsNeeded } from '../../core/teachers/labelsMessage';
import type { Scaling } from '../../core/teachers/inputScaling';
import type { DroppedFile, LoadTeacherFilesRequest, LoadTeacherFilesResult } from '../../protocol/messages';
import type { StudioStore } from '../store/studioStore';
import { errorInfo } from '../../protocol/errors';

export type LoadTeacherFilesCall = (request: LoadTeacherFilesRequest) => Promise<LoadTeacherFilesResult>;

export interface TeacherDropper {
  /** Sends one drop's files to the worker; the outcome lands in the store as a TeacherDrop. */
  drop(name: string, files: DroppedFile[]): Promise<void>;
  /** Sends a failed drop again with typed labels. */
  retryWithLabels(key: number, labels: string[]): Promise<void>;
  /** Reloads a dropped teacher with another feature layer (or graph node); it takes the old one's card and pick. */
  chooseFeature(id: string, featureLayer: string): Promise<void>;
  /** Reloads a dropped teacher with another input scaling, the same way. */
  chooseScaling(id: string, scaling: Scaling): Promise<void>;
}

interface Sent {
  name: string;
  files: DroppedFile[];
  labels?: string[];
  featureLayer?: string;
  scaling?: Scaling;
}

/**
 * Drops of model files, one record each: a failed drop adds a message and changes nothing
 * already loaded. The bytes of a drop are kept until it loads, so typed labels can be sent
 * without asking for the files again.
 */
export function createTeacherDropper(call: LoadTeacherFilesCall, store: StudioStore): TeacherDropper {
  const kept = new Map<number, Sent>();
  /** What each loaded teacher was loaded from, so another feature layer can be chosen without the files. */
  const loaded = new Map<string, Sent>();
  let nextKey = 1;

  async function send(key: number, sent: Sent, replaces?: string): Promise<void> {
    const { putTeacherDrop, addDroppedTeacher, replaceDroppedTeacher, transfer } = store.getState();
    const { name, files, labels, featureLayer, scaling } = sent;
    const base = { key, name, fileNames: files.map((f) => f.name), labelsNeeded: null };
    putTeacherDrop({ ...base, state: 'loading' });
    try {
      // The transfer data picked now is what the input scaling check samples.
      const result = await call({ kind: 'loadTeacherFiles', name, files, labels, featureLayer, scaling, transfer });
      kept.delete(key);
      loaded.set(result.id, sent);
      const { id, metadata, parameters, layers, outputs } = result;
      const teacher = { id, metadata, parameters, layers, outputs, scaling: result.scaling };
      if (replaces) replaceDroppedTeacher(replaces, teacher);
      else addDroppedTeacher(teacher);
      putTeacherDrop({ ...base, state: 'loaded', id: result.id, ignored: result.ignored });
    } catch (error) {
      const info = errorInfo(error);
      putTeacherDrop({ ...base, state: 'failed', error: info, labelsNeeded: info.code === 'no-labels' ? labelsNeeded(info.message) : null });
    }
  }

  return {
    drop(name, files) {
      const key = nextKey++;
      kept.set(key, { name, files });
      return send(key, { name, files });
    },
    async retryWithLabels(key, labels) {
      const drop = kept.get(key);
      if (drop) await send(key, { ...drop, labels });
    },
    async chooseFeature(id, featureLayer) {
      const sent = loaded.get(id);
      if (sent) await send(nextKey++, { ...sent, featureLayer }, id);
    },
    async chooseScaling(id, scaling) {
      const sent = loaded.get(id);
      if (sent) await send(nextKey++, { ...sent, scaling }, id);
    },
  };
}
