import type { PrepareOptions } from '../../core/method/batchTargets';
import type { TrainingSession } from '../../core/method/trainingSession';
import type { TrainingOwnershipEvent } from '../../protocol/messages';
import type { Emit } from '../backend/initHandler';

/** The pre-pass options that stream its progress to the page as training-preparing events. */
export function preparingProgress(emit: Emit, signal?: AbortSignal): PrepareOptions {
  return { signal, onProgress: (done, total) => emit({ kind: 'training-preparing', preparing: { done, total } }) };
}

/** What the session's pre-pass found about ownership, in protocol words; null when its builder made no pre-pass. */
export function ownershipEvent(session: Pick<TrainingSession, 'amalgamation' | 'inputs'>): TrainingOwnershipEvent | null {
  const summary = session.amalgamation.ownership?.summary;
  if (!summary) return null;
  const { images, owned, changed } = summary;
  return { builder: session.inputs.config.targetBuilder, teachers: session.amalgamation.teachers.map((t) => t.metadata.id), images, owned: [...owned], changed };
}
