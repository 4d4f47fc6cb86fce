import { describe, expect, it } from 'vitest';
import { selectProbeIndices } from '../../core/evaluation/probeSet';
import type { TrainingSession } from '../../core/method/trainingSession';
import { probeOfSize, withProbeSize } from './probeSession';

/** 3 data classes (a, b, c) of 30 images each; the teachers know a and b only. */
function fakeSession() {
  const labels = Int32Array.from({ length: 90 }, (_, i) => i % 3);
  const queue: string[] = [];
  const session = {
    probe: Int32Array.of(0, 1),
    amalgamation: { union: { names: ['a', 'b'], maps: [[0, 1]] } },
    inputs: { test: { labels, labelNames: ['a', 'b', 'c'] } },
    // A method that writes to `this`: it must reach the real session, not a copy.
    exclusive(fn: () => string) {
      queue.push(fn());
      return this.probe.length;
    },
  };
  return { session: session as unknown as TrainingSession & typeof session, queue, labels };
}

describe('probe set of another size', () => {
  it('takes perClass images of each class a teacher knows, seeded like the core, so a bigger set holds the default', () => {
    const { session, labels } = fakeSession();
    const probe = probeOfSize(session, 20);
    const count = (label: number) => [...probe].filter((i) => labels[i] === label).length;
    expect([count(0), count(1), count(2)]).toEqual([20, 20, 0]);
    expect(probeOfSize(session, 20)).toEqual(probe);
    const small = selectProbeIndices(labels, 5, 0).filter((i) => labels[i] !== 2);
    expect([...small].every((i) => probe.includes(i))).toBe(true);
  });

  it('shows the snapshot its own probe and leaves everything else to the session', () => {
    const { session, queue } = fakeSession();
    const sized = withProbeSize(session, 10);
    expect(sized.probe).toHaveLength(20);
    expect(session.probe).toEqual(Int32Array.of(0, 1));
    // Methods run on the real session: its own probe (cohesion keeps the default set).
    expect((sized as typeof session).exclusive(() => 'step')).toBe(2);
    expect(queue).toEqual(['step']);
    expect(sized.amalgamation).toBe(session.amalgamation);
  });

  it('returns the session itself at the default size', () => {
    const { session } = fakeSession();
    expect(withProbeSize(session, 50)).toBe(session);
    expect(withProbeSize(session)).toBe(session);
  });
});
