import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { batchToTensor } from '../../src/core/data/imageTensors';
import { toTransferSet } from '../../src/core/data/transferSet';
import { createAmalgamation, disposeAmalgamation, trainStep } from '../../src/core/method/amalgamation';
import { lossTermNames, type LossTerms } from '../../src/core/method/amalgamationLoss';
import type { PresetName } from '../../src/core/method/config';
import { benchConfig, type BenchData } from './benchSetup';
import { dumpForPeer } from './parityDump';
import type { PeerClient } from './peerClient';

export interface ParityAnswer {
  terms: LossTerms;
  total: number;
  after: LossTerms;
  afterTotal: number;
}

export interface ParityResult {
  preset: PresetName;
  tfjs: ParityAnswer;
  peer: ParityAnswer;
  /** Largest |tfjs − peer| / max(1, |peer|) over the terms and the total, before the step and after it. */
  worstBefore: number;
  worstAfter: number;
}

export const PARITY_TOLERANCE = 1e-4;

const deviation = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

/**
 * A term the peer does not implement (the instance-level terms, off in every preset) counts as 0
 * there: so the check still fails if tfjs ever computes it non-zero for a benched preset.
 */
function worst(a: LossTerms, b: Partial<LossTerms>, totalA: number, totalB: number): number {
  return Math.max(deviation(totalA, totalB), ...lossTermNames.map((n) => deviation(a[n], b[n] ?? 0)));
}

export interface ParityOptions {
  batchSize?: number;
  /** Test hook: changes one dumped weight before the peer reads it (the check must then fail). */
  perturb?: (weightsBin: Float32Array) => void;
}

/**
 * The same batch through both implementations from the same initial weights: the loss terms
 * of the first step and, after one optimiser step on that batch, of the second.
 */
export async function checkParity(data: BenchData, peer: PeerClient, preset: PresetName, options: ParityOptions = {}): Promise<ParityResult> {
  const batchSize = options.batchSize ?? 32;
  const config = benchConfig(preset, batchSize, 1, 1);
  const transfer = toTransferSet(data.train, config.seed);
  const batch = transfer.gather(Array.from({ length: batchSize }, (_, i) => i));
  const a = createAmalgamation(config, data.teachers, data.train);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cka-parity-'));
  try {
    await dumpForPeer(dir, a, batch, data.train);
    if (options.perturb) {
      const file = path.join(dir, 'weights.bin');
      const bytes = readFileSync(file);
      const w = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      options.perturb(w);
      writeFileSync(file, new Uint8Array(w.buffer));
    }
    const x = batchToTensor(batch, data.train);
    const first = await trainStep(a, x);
    const second = await trainStep(a, x);
    x.dispose();
    const tfjs: ParityAnswer = { terms: first.terms, total: first.total, after: second.terms, afterTotal: second.total };
    const answer = await peer.request<ParityAnswer>({ cmd: 'parity', dir });
    return {
      preset,
      tfjs,
      peer: answer,
      worstBefore: worst(tfjs.terms, answer.terms, tfjs.total, answer.total),
      worstAfter: worst(tfjs.after, answer.after, tfjs.afterTotal, answer.afterTotal),
    };
  } finally {
    disposeAmalgamation(a);
    rmSync(dir, { recursive: true, force: true });
  }
}
