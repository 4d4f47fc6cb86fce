import * as tf from '@tensorflow/tfjs';
import type { TeacherOutputs } from './amalgamationLoss';

/**
 * Teachers are frozen and the transfer images are the same every epoch (the studio does no
 * augmentation), so a teacher's features and logits for an image never change: after its first
 * pass, an image's teacher outputs are kept here and later epochs skip teacher inference.
 * Rows are float32 copies on the JS heap, so the bound is exact: bytesPerImage x capacity.
 * Must not be used with augmented images (the same index would then be a different image).
 */

/** 64 MiB: all 60k MNIST images for the MNIST pair (632 B each) with room to spare. */
export const DEFAULT_TEACHER_CACHE_BYTES = 64 * 2 ** 20;

/** How many floats one image's outputs take for one teacher. */
interface TeacherWidth {
  features: number;
  logits: number;
}

export class TeacherCache {
  /** Images that fit in the bound; images first seen after it is full are never cached. */
  readonly capacity: number;
  readonly bytesPerImage: number;
  private readonly rowFloats: number;
  private readonly slotOf: Int32Array;
  private readonly rows: Float32Array;
  private used = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly widths: readonly TeacherWidth[], imageCount: number, maxBytes = DEFAULT_TEACHER_CACHE_BYTES) {
    this.rowFloats = widths.reduce((n, w) => n + w.features + w.logits, 0);
    this.bytesPerImage = this.rowFloats * 4;
    this.capacity = Math.max(0, Math.min(imageCount, Math.floor(maxBytes / this.bytesPerImage)));
    this.slotOf = new Int32Array(imageCount).fill(-1);
    this.rows = new Float32Array(this.capacity * this.rowFloats);
  }

  get bytes(): number {
    return this.rows.byteLength;
  }

  /**
   * The teachers' outputs for the images at `indices` (rows of `images01`): cached rows are
   * read back, the others computed by `run` on just those images and kept while room lasts.
   * The caller owns (and disposes) the returned tensors.
   */
  async outputs(indices: ArrayLike<number>, images01: tf.Tensor4D, run: (images01: tf.Tensor4D) => TeacherOutputs): Promise<TeacherOutputs> {
    const missing: number[] = [];
    for (let j = 0; j < indices.length; j++) if (this.slotOf[indices[j]] < 0) missing.push(j);
    this.hits += indices.length - missing.length;
    this.misses += missing.length;
    if (missing.length === indices.length) {
      // A full miss (every batch of the first epoch): the computed tensors are used as they are.
      const fresh = run(images01);
      await this.store(indices, missing, fresh);
      return fresh;
    }
    const fresh = missing.length > 0 ? this.runOn(images01, missing, run) : null;
    const computed = fresh ? await readRows(fresh) : null;
    if (fresh && computed) {
      this.keep(indices, missing, computed);
      tf.dispose([...fresh.features, ...fresh.logits]);
    }
    return this.assemble(indices, missing, computed);
  }

  private runOn(images01: tf.Tensor4D, positions: number[], run: (images01: tf.Tensor4D) => TeacherOutputs): TeacherOutputs {
    const subset = tf.gather(images01, positions) as tf.Tensor4D;
    try {
      return run(subset);
    } finally {
      subset.dispose();
    }
  }

  private async store(indices: ArrayLike<number>, positions: number[], fresh: TeacherOutputs): Promise<void> {
    if (this.used >= this.capacity) return;
    this.keep(indices, positions, await readRows(fresh));
  }

  /** Copies computed rows (in `positions` order) into free slots. */
  private keep(indices: ArrayLike<number>, positions: number[], computed: Float32Array[][]): void {
    positions.forEach((j, r) => {
      if (this.used >= this.capacity) return;
      const slot = this.used++;
      this.slotOf[indices[j]] = slot;
      let offset = slot * this.rowFloats;
      this.widths.forEach((w, k) => {
        this.rows.set(computed[k][0].subarray(r * w.features, (r + 1) * w.features), offset);
        offset += w.features;
        this.rows.set(computed[k][1].subarray(r * w.logits, (r + 1) * w.logits), offset);
        offset += w.logits;
      });
    });
  }

  /** The batch's outputs from cached rows and, for `missing` positions, the computed rows. */
  private assemble(indices: ArrayLike<number>, missing: number[], computed: Float32Array[][] | null): TeacherOutputs {
    const b = indices.length;
    const features = this.widths.map((w) => new Float32Array(b * w.features));
    const logits = this.widths.map((w) => new Float32Array(b * w.logits));
    const computedRow = new Map(missing.map((j, r) => [j, r]));
    for (let j = 0; j < b; j++) {
      const r = computedRow.get(j);
      const slot = this.slotOf[indices[j]];
      let offset = slot * this.rowFloats;
      this.widths.forEach((w, k) => {
        if (r !== undefined && computed) {
          // Computed now (possibly also cached just now): take it from the fresh rows.
          features[k].set(computed[k][0].subarray(r * w.features, (r + 1) * w.features), j * w.features);
          logits[k].set(computed[k][1].subarray(r * w.logits, (r + 1) * w.logits), j * w.logits);
          return;
        }
        features[k].set(this.rows.subarray(offset, offset + w.features), j * w.features);
        offset += w.features;
        logits[k].set(this.rows.subarray(offset, offset + w.logits), j * w.logits);
        offset += w.logits;
      });
    }
    return {
      features: this.widths.map((w, k) => tf.tensor2d(features[k], [b, w.features])),
      logits: this.widths.map((w, k) => tf.tensor2d(logits[k], [b, w.logits])),
    };
  }
}

/** [teacher][features, logits] as flat float32 rows. */
async function readRows(outputs: TeacherOutputs): Promise<Float32Array[][]> {
  return Promise.all(outputs.features.map(async (f, k) => [await f.data() as Float32Array, await outputs.logits[k].data() as Float32Array]));
}
