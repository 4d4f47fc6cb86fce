import { beforeAll, describe, expect, it } from 'vitest';
import { loadLabelledImages } from '../core/data/labelledImages';
import { evaluateClassifier } from '../core/teachers/trainClassifier';
import { readDataFileFromDisk } from './dataFiles';
import { loadTeacherFromDir, shippedTeacherIds, teachersRoot } from './teacherFiles';
import { useNodeBackend } from './wasmBackend';
import path from 'node:path';
import { readFileSync } from 'node:fs';

/**
 * Every shipped teacher, loaded through the studio's loader, must still reach the accuracy its
 * metadata records on the real test subset: this guards the files, the loader and the data.
 */
describe('shipped teachers', () => {
  beforeAll(async () => {
    await useNodeBackend('wasm');
  });

  const ids = shippedTeacherIds();

  it('the zoo index lists every teacher folder and the zoo is heterogeneous', () => {
    const index = JSON.parse(readFileSync(path.join(teachersRoot, 'index.json'), 'utf8')) as { teachers: string[] };
    expect(index.teachers).toEqual(ids);
    expect(ids.length).toBeGreaterThanOrEqual(9);
  });

  it.each(ids)('%s reaches its recorded test accuracy', async (id) => {
    const teacher = await loadTeacherFromDir(path.join(teachersRoot, id));
    const provenance = teacher.metadata.provenance!;
    const test = await loadLabelledImages(provenance.dataSet, 'test', readDataFileFromDisk);
    const { accuracy, samples } = await evaluateClassifier((x) => teacher.run(x).logits, test, provenance.classes);
    teacher.dispose();
    expect(samples).toBe(provenance.testSamples);
    // 0.3 points, or one image where the subset is small enough that one image is more (emoji: ~200).
    expect(Math.abs(accuracy - provenance.testAccuracy) * 100).toBeLessThanOrEqual(Math.max(0.3, 100 / samples + 1e-9));
  });
});
