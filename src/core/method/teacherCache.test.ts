import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LabelledImages } from '../data/labelledImages';
import type { Teacher } from '../teachers/loadTeacher';
import { useNodeBackend } from '../../node/wasmBackend';
import { runTeachers, type StepResult } from './amalgamation';
import type { RunConfig } from './config';
import { TeacherCache } from './teacherCache';
import { expectSameLosses, randomImages, smallTeachers, syntheticLabelled } from './testFixtures';
import { createTrainingSession } from './trainingSession';
import { configFromPreset, type ConfigOverrides } from './resolveConfig';

/** 48 images in batches of 8, 3 epochs: epochs 2 and 3 can only come from the cache. */
const SMALL: ConfigOverrides = { studentWidth: 4, projectionSize: 16, batchSize: 8, learningRate: 1e-2, transferLimit: 48, epochs: 3 };

let teachers: Teacher[];
let train: LabelledImages;
let test: LabelledImages;

async function losses(config: RunConfig, teacherCacheBytes: number): Promise<{ steps: StepResult[]; cache: TeacherCache | null }> {
  const session = createTrainingSession({ config, teachers, train, test, backend: 'wasm', teacherCacheBytes });
  const steps: StepResult[] = [];
  await session.run({ onStep: (p) => steps.push(p.result) });
  const cache = session.teacherCache;
  await session.dispose();
  return { steps, cache };
}

describe('teacher-output cache (wasm)', () => {
  beforeAll(async () => {
    await useNodeBackend('wasm');
    teachers = await smallTeachers();
    train = syntheticLabelled(80, 1);
    test = syntheticLabelled(40, 2);
  });

  it.each(['cka', 'cfl', 'kd'] as const)('%s: bitwise the losses of the uncached run, every step of 3 epochs', async (preset) => {
    const config = configFromPreset(preset, SMALL);
    const plain = await losses(config, 0);
    const cached = await losses(config, 1 << 20);
    expect(plain.cache).toBeNull();
    expectSameLosses(cached.steps, plain.steps);
    // Epoch 1 runs the teachers on all 48 images; epochs 2 and 3 read all of them back.
    expect(cached.cache).toMatchObject({ misses: 48, hits: 96 });
  });

  it('keeps to its bound: only as many images as fit, the rest computed each time, losses unchanged', async () => {
    const config = configFromPreset('cka', SMALL);
    const perImage = teachers.reduce((n, t) => n + 4 * (t.metadata.featureSize + t.metadata.labels.length), 0);
    const bound = perImage * 20 + perImage / 2;
    const plain = await losses(config, 0);
    const partial = await losses(config, bound);
    expectSameLosses(partial.steps, plain.steps);
    expect(partial.cache!.capacity).toBe(20);
    expect(partial.cache!.bytes).toBeLessThanOrEqual(bound);
    expect(partial.cache!.hits).toBe(40); // the 20 cached images, in each of epochs 2 and 3
  });

  it('is off for the supervised oracle (it needs no teachers) and when the bound is 0', () => {
    const oracle = createTrainingSession({ config: configFromPreset('oracle', SMALL), teachers, train, test, backend: 'wasm' });
    expect(oracle.teacherCache).toBeNull();
    const off = createTrainingSession({ config: configFromPreset('cka', SMALL), teachers, train, test, backend: 'wasm', teacherCacheBytes: 0 });
    expect(off.teacherCache).toBeNull();
    return Promise.all([oracle.dispose(), off.dispose()]);
  });

  it('returns rows equal to the teachers’ own outputs and leaks no tensors', async () => {
    const images = randomImages(6, 9);
    const cache = new TeacherCache(teachers.map((t) => ({ features: t.metadata.featureSize, logits: t.metadata.labels.length })), 10);
    const run = (x: tf.Tensor4D) => runTeachers(teachers, x);
    const before = tf.memory().numTensors;
    const first = await cache.outputs([0, 1, 2, 3, 4, 5], images, run);
    const mixed = await cache.outputs([7, 1, 8, 3, 9, 5], images, run); // half cached, half new
    const direct = run(images);
    for (const [out, direct2] of [[first, direct]] as const) {
      out.features.forEach((f, k) => expect(Array.from(f.dataSync())).toEqual(Array.from(direct2.features[k].dataSync())));
    }
    // Positions 1, 3, 5 were cached from rows 1, 3, 5 of the same images: the same numbers.
    mixed.logits.forEach((z, k) => {
      const rows = z.arraySync();
      const expected = direct.logits[k].arraySync();
      for (const j of [1, 3, 5]) expect(rows[j]).toEqual(expected[j]);
    });
    tf.dispose([first.features, first.logits, mixed.features, mixed.logits, direct.features, direct.logits]);
    expect(tf.memory().numTensors).toBe(before);
    images.dispose();
  });
});
