import * as tf from '@tensorflow/tfjs';
import { fitOwnership, ownershipTargets, targetBuilder, type OwnershipEvidence, type TargetBuilderName, type TargetBuilderSpec } from '.';

export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

export const t2 = (rows: number[][]) => tf.tensor2d(rows);

/** The owner each builder picks for every image of `apply`, after fitting on `transfer`. */
export function ownersOf(spec: TargetBuilderSpec, transfer: OwnershipEvidence, apply: OwnershipEvidence, maps: number[][], unionSize: number): { owners: number[]; pseudo: number[] } {
  const fit = fitOwnership(spec, transfer, 1);
  const out = ownershipTargets(fit, apply, maps, unionSize, 1);
  const result = { owners: Array.from(tf.argMax(out.weights, 1).dataSync()), pseudo: Array.from(out.pseudo.dataSync()) };
  tf.dispose([out.target, out.pseudo, out.weights, ...(fit.clusters ? [fit.clusters.centres, fit.clusters.scores] : [])]);
  return result;
}

export const spec = (name: TargetBuilderName, temperature = 1) => targetBuilder(name, { temperature });
