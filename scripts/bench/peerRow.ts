import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toTransferSet } from '../../src/core/data/transferSet';
import type { RunConfig } from '../../src/core/method/config';
import type { BenchData } from './benchSetup';
import type { PeerClient } from './peerClient';
import type { PhaseTimes } from './phases';

/** The pool the peer cycles through: the first `images` transfer images, uint8, in a temp file. */
export function writePeerPool(data: BenchData, images: number): string {
  const transfer = toTransferSet(data.train, 1);
  const pool = transfer.gather(Array.from({ length: Math.min(images, data.train.count) }, (_, i) => i));
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'cka-bench-')), 'pool.bin');
  writeFileSync(file, pool.pixels);
  return file;
}

/** The same run on the PyTorch peer (same config, teachers, losses, optimiser), stepped on request. */
export class PeerRun {
  private constructor(private readonly peer: PeerClient, readonly threads: number, readonly torch: string) {}

  static async open(peer: PeerClient, data: BenchData, run: RunConfig, cache: boolean, threads: number): Promise<PeerRun> {
    const pool = writePeerPool(data, run.batchSize * (run.transferLimit / run.batchSize));
    const shape = [data.train.height, data.train.width, data.train.channels];
    const info = await peer.request<{ threads: number; torch: string }>({ cmd: 'open', run, pool, shape, cache, threads });
    return new PeerRun(peer, info.threads, info.torch);
  }

  async step(): Promise<number> {
    return (await this.peer.request<{ ms: number }>({ cmd: 'step' })).ms;
  }

  async phases(reps = 10): Promise<PhaseTimes> {
    return (await this.peer.request<{ phasesMs: PhaseTimes }>({ cmd: 'phases', reps })).phasesMs;
  }
}
