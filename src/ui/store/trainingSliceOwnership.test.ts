import { describe, expect, it } from 'vitest';
import type { TrainingOwnershipEvent } from '../../protocol/messages';
import { createStudioStore } from './studioStore';

const ownership: TrainingOwnershipEvent = { builder: 'cluster', teachers: ['a', 'b'], images: 10, owned: [6, 4], changed: 2 };

describe('training slice: ownership', () => {
  it('keeps the run’s ownership summary and forgets it when a new run begins', () => {
    const store = createStudioStore();
    expect(store.getState().ownership).toBeNull();
    store.getState().receiveEvents([{ kind: 'training-preparing', preparing: { done: 10, total: 10 } }, { kind: 'training-ownership', ownership }]);
    expect(store.getState().ownership).toEqual(ownership);
    expect(store.getState().progress.updates).toBe(2);
    store.getState().beginRun({} as never);
    expect(store.getState().ownership).toBeNull();
  });
});
