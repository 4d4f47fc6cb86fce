import { useEffect } from 'react';
import type { TrainingWorkerClient } from '../../protocol/client';
import type { StudioStore } from '../store/studioStore';

/**
 * Asks the worker to save the run's checkpoint when the page is hidden or left (a reload, a
 * closed tab, a phone switching apps), on top of the worker's own every-15-seconds saves: the
 * worker may be stopped at any moment after this, and whatever it saved in time is offered back.
 */
export function useCheckpointOnHide(store: StudioStore, worker: Pick<TrainingWorkerClient, 'call'>): void {
  useEffect(() => {
    const save = () => {
      const { state } = store.getState().progress;
      if (state === 'running' || state === 'paused') worker.call({ kind: 'checkpointNow' }).catch(() => undefined); // best effort: the page is going
    };
    const onVisibility = () => document.visibilityState === 'hidden' && save();
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', save);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', save);
    };
  }, [store, worker]);
}
