import * as tf from '@tensorflow/tfjs';
import { ownedUnionTarget } from '../ownership';
import type { UnionLabels } from './unionLabels';

/**
 * Self-refinement's result: the transfer images whose owner the student reassigned at an epoch's
 * end, each with the union class the student was sure of. Plain data (no tensors), so a session
 * checkpoint carries it and a resumed run trains on exactly the same targets.
 */
export interface Refinement {
  /** The epoch (1-based) after which the student made it. */
  epoch: number;
  /** Transfer image indices, ascending. */
  indices: number[];
  /** The student's union class for each of `indices`. */
  classes: number[];
  /** Images that qualified before the cap on the share changed (for the record). */
  candidates: number;
}

/** A Refinement laid out for per-batch lookup: class by transfer index, −1 where the builder's owner stands. */
export interface RefinementTable {
  classOf: Int32Array;
}

export function refinementTable(r: Refinement, transferCount: number): RefinementTable {
  const classOf = new Int32Array(transferCount).fill(-1);
  r.indices.forEach((i, j) => {
    if (i < 0 || i >= transferCount) throw new RangeError(`refinement index ${i} outside the ${transferCount} transfer images`);
    classOf[i] = r.classes[j];
  });
  return { classOf };
}

/** [K] per union class: which teachers know it (1) or not (0). */
export function knownBy(union: UnionLabels): number[][] {
  const out = union.names.map(() => union.maps.map(() => 0));
  union.maps.forEach((map, k) => map.forEach((c) => (out[c][k] = 1)));
  return out;
}

/**
 * The batch's target with refined rows replaced: a reassigned image is owned, in equal shares, by
 * the teachers that know the student's class, and each owner's own tempered softmax still gives
 * the class distribution, q = Σ_k w_k · place_k(softmax(z_k / T)); the student picks the owner,
 * never the class. Other rows keep the builder's target. Returns `target` itself when no row of
 * the batch is refined.
 */
export function applyRefinement(table: RefinementTable, union: UnionLabels, logits: tf.Tensor2D[], temperature: number, indices: ArrayLike<number>, target: tf.Tensor2D): tf.Tensor2D {
  const classes = Array.from(indices, (i) => table.classOf[i]);
  if (classes.every((c) => c < 0)) return target;
  const known = knownBy(union);
  const rows = classes.map((c) => {
    if (c < 0) return union.maps.map(() => 0);
    const owners = known[c].reduce((n, v) => n + v, 0);
    return known[c].map((v) => v / owners);
  });
  return tf.tidy(() => {
    const refined = ownedUnionTarget(logits, union.maps, union.names.length, temperature, tf.tensor2d(rows, [rows.length, union.maps.length]));
    const mask = tf.tensor2d(classes.map((c) => [c >= 0 ? 1 : 0]), [classes.length, 1], 'bool');
    return tf.where(tf.tile(mask, [1, union.names.length]), refined, target) as tf.Tensor2D;
  });
}
