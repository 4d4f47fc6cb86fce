import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchToTensor } from '../data/imageTensors';
import { createAmalgamation, runTeachers } from './amalgamation';
import { teacherTargets } from './amalgamationLoss';
import { configFromPreset } from './resolveConfig';
import { routingAccuracy } from './routingAccuracy';
import { smallTeachers, syntheticLabelled, useCpuBackend } from './testFixtures';

beforeAll(useCpuBackend);

describe('routingAccuracy', () => {
  it('scores the teachers’ combined target, not the student: 1 where labels are its argmax, 0 where each is one class off', async () => {
    const teachers = await smallTeachers();
    const config = configFromPreset('kd', { studentWidth: 4, projectionSize: 16, batchSize: 8 });
    const test = syntheticLabelled(24, 5);
    const a = createAmalgamation(config, teachers, test);
    // The combined target's argmax, computed here without routingAccuracy's code path.
    const x = batchToTensor({ size: test.count, pixels: test.pixels, indices: Int32Array.from({ length: test.count }, (_, i) => i) }, test);
    const outputs = runTeachers(teachers, x);
    const built = teacherTargets(config, a.union, outputs);
    const pseudo = Array.from(built.pseudo.dataSync());
    tf.dispose([x, built.target, built.pseudo, ...Object.values(outputs).flat()]);
    const right = { ...test, labels: Uint8Array.from(pseudo) };
    const wrong = { ...test, labels: Uint8Array.from(pseudo, (p) => (p + 1) % 10) };
    expect(await routingAccuracy(a, right, 10)).toBe(1);
    expect(await routingAccuracy(a, wrong, 10)).toBe(0);
  });
});
