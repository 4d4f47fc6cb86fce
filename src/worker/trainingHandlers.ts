import * as tf from '@tensorflow/tfjs';
import { restoreSession, saveCheckpoint } from '../core/method/checkpoint';
import { embeddingSnapshot } from '../core/method/embeddingSnapshot';
import { createTrainingSession } from '../core/method/trainingSession';
import type { BackendName } from '../protocol/messages';
import { memoryCheckpointStore, type CheckpointStore } from './checkpointStore';
import { indexedDbCheckpointStore } from './checkpointStoreIdb';
import type { Emit } from './initHandler';
import { TrainingController } from './trainingController';
import { trainingInputsLoader } from './trainingInputs';
import type { TeacherSources } from './teacherSources';

/** IndexedDB where the worker has it; otherwise checkpoints last as long as the worker. */
function defaultStore(): CheckpointStore {
  return typeof indexedDB === 'undefined' ? memoryCheckpointStore() : indexedDbCheckpointStore(indexedDB);
}

/** The worker's training controller, on the real core and tfjs. */
export function createTrainingController(sources: TeacherSources, backend: () => BackendName | null, emit: Emit): TrainingController {
  return new TrainingController({
    loadInputs: trainingInputsLoader(sources, backend),
    createSession: createTrainingSession,
    restoreSession,
    saveCheckpoint,
    snapshot: (session, previousAxes) => embeddingSnapshot(session, { previousAxes }),
    store: defaultStore(),
    emit,
    numTensors: () => tf.memory().numTensors,
  });
}
