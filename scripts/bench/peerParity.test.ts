import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../src/node/wasmBackend';
import { loadBenchData, type BenchData } from './benchSetup';
import { PeerClient, peerUnavailable } from './peerClient';
import { PARITY_TOLERANCE, checkParity } from './peerParity';

describe('the PyTorch peer computes the studio’s loss', () => {
  let data: BenchData;
  let peer: PeerClient;
  beforeAll(async () => {
    // A missing peer fails the suite rather than skipping it: scripts/install.sh installs it.
    const unavailable = peerUnavailable();
    if (unavailable) throw new Error(`the PyTorch peer is required and missing: ${unavailable}; run scripts/install.sh`);
    await useNodeBackend('wasm');
    data = await loadBenchData();
    peer = new PeerClient({ OMP_NUM_THREADS: '1' });
  }, 120_000);
  afterAll(() => peer?.close());

  it.each(['kd', 'cfl', 'cka'] as const)('%s: every term of the same batch from the same weights, before and after one Adam step', async (preset) => {
    const r = await checkParity(data, peer, preset);
    expect(r.tfjs.total).toBeGreaterThan(0);
    expect(r.worstBefore).toBeLessThan(PARITY_TOLERANCE);
    expect(r.worstAfter).toBeLessThan(PARITY_TOLERANCE);
  }, 120_000);

  it('notices one perturbed weight (the check can fail)', async () => {
    // Weight 0 is conv1's kernel: a change there moves every term the student feeds.
    const r = await checkParity(data, peer, 'cka', { perturb: (w) => { w[0] += 0.5; } });
    expect(r.worstBefore).toBeGreaterThan(PARITY_TOLERANCE);
  }, 120_000);
});
