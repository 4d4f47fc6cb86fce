import { useState } from 'react';
import type { TrainingWorkerClient } from '../../protocol/client';
import { BACKEND_NAMES, type BackendName } from '../../protocol/messages';
import { useWorkerRecovery } from './useWorkerRecovery';

/**
 * Says in words why training stopped on its own (a NaN/Inf loss, a lost WebGPU device, a
 * crashed worker) and offers to resume the last checkpoint on a backend the user picks.
 * Renders nothing while there is nothing to say.
 */
export function RecoveryNotice({ client }: { client: TrainingWorkerClient }) {
  const { problem, checkpoint, phase, note, resume } = useWorkerRecovery(client);
  // wasm runs everywhere; a lost GPU is the usual reason to be here.
  const [backend, setBackend] = useState<BackendName>('wasm');
  if (!problem && !note) return null;
  return (
    <section aria-label="Recovery" className="recovery">
      {problem && (
        <p className="status status-error" data-recovery="problem">
          {problem.message}
        </p>
      )}
      {problem && checkpoint && (
        <p>
          <label>
            Backend{' '}
            <select value={backend} onChange={(e) => setBackend(e.target.value as BackendName)}>
              {BACKEND_NAMES.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>{' '}
          <button type="button" disabled={phase !== 'idle'} onClick={() => resume(backend)}>
            Resume from step {checkpoint.step}
          </button>
        </p>
      )}
      {problem && !checkpoint && phase === 'idle' && <p>No checkpoint was saved, so there is nothing to resume: start training again.</p>}
      {note && (
        <p aria-live="polite" data-recovery="note">
          {note}
        </p>
      )}
    </section>
  );
}
