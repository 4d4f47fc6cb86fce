import { restoreSession, saveCheckpoint } from '../../core/method/checkpoint';
import { embeddingSnapshot } from '../../core/method/embeddingSnapshot';
import { createTrainingSession } from '../../core/method/trainingSession';
import type { BackendName } from '../../protocol/messages';
import { memoryCheckpointStore, type CheckpointStore } from './checkpointStore';
import { indexedDbCheckpointStore } from './checkpointStoreIdb';
import type { Emit } from '../backend/initHandler';
import { TrainingController } from './trainingController';
import type { LoadTrainingInputs } from './trainingInputs';
import { umapProjector } from '../embedding/umapProjection';
import { workerMemory } from '../backend/workerMemory';
import { preparingProgress } from './ownershipEvents';

/** IndexedDB where the worker has it; otherwise checkpoints last as long as the worker. */
function defaultStore(): CheckpointStore {
  return typeof indexedDB === 'undefined' ? memoryCheckpointStore() : indexedDbCheckpointStore(indexedDB);
}

/** The worker's training controller, on the real core and tfjs. */
/** `loadInputs` reads teachers from the worker's one registry (trainingInputs.ts). */
export function createTrainingController(loadInputs: LoadTrainingInputs, backend: () => BackendName | null, emit: Emit): TrainingController {
  return new TrainingController({
    loadInputs,
    createSession: createTrainingSession,
    // A resumed run remakes the builder's pre-pass: its progress reaches the page as a new run's does.
    restoreSession: (checkpoint, inputs) => restoreSession(checkpoint, inputs, preparingProgress(emit)),
    saveCheckpoint,
    snapshot: (session, previousAxes, projection) =>
      embeddingSnapshot(session, { previousAxes, projector: projection === 'umap' ? umapProjector(session.inputs.config.seed) : undefined }),
    store: defaultStore(),
    emit,
    memory: workerMemory,
    backend,
  });
}
