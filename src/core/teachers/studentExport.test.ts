import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAmalgamation, predictUnion } from '../method/amalgamation';
import { defaultConfig } from '../method/config';
import { randomImages, smallTeachers, useCpuBackend } from '../method/testFixtures';
import type { Teacher } from './loadTeacher';
import { matchDroppedFiles } from './droppedFiles';
import { droppedMetadata, layersFacts } from './droppedMetadata';
import { loadTeacherDescribed } from './loadTeacher';
import { exportStudent, StudentExportError } from './studentExport';

/** The student's export: loads back as a teacher, and into plain tfjs, giving the student's own predictions. */
const shape = { height: 28, width: 28, channels: 1 };

describe('exportStudent', () => {
  let teachers: Teacher[];
  beforeAll(async () => {
    await useCpuBackend();
    teachers = await smallTeachers();
  });

  it('writes model.json + weights.bin + metadata.json that reload with the same predictions', async () => {
    const a = createAmalgamation({ ...defaultConfig, seed: 4 }, teachers, shape);
    const { files, metadata } = await exportStudent(a, shape, 'student-x', 'Student');
    expect(files.map((f) => f.name)).toEqual(['model.json', 'weights.bin', 'metadata.json']);
    expect(metadata).toMatchObject({ labels: a.union.names, input: { height: 28, width: 28, channels: 1, mean: 0.5, std: 0.5 }, featureLayer: 'features' });

    const dropped = matchDroppedFiles('export', [...files].reverse());
    const teacher = await loadTeacherDescribed(dropped.files, (model) => droppedMetadata(layersFacts(model), dropped.metadata, { id: 'dropped:x', title: 'x' }, 'model.json'));
    const x = randomImages(6, 9);
    const student = await predictUnion(a, x).array();
    const reloaded = await tf.softmax(teacher.run(x).logits).array();
    reloaded.forEach((row, i) => row.forEach((p, c) => expect(p).toBeCloseTo(student[i][c], 6)));

    // Plain tfjs: model.json's topology and manifest with the weights, input scaled as metadata says.
    const json = JSON.parse(new TextDecoder().decode(files[0].bytes)) as { modelTopology: object; weightsManifest: tf.io.WeightsManifestConfig };
    const plain = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: files[1].bytes }));
    const plainProbs = await tf.softmax(plain.predict(x.sub(0.5).div(0.5)) as tf.Tensor2D).array();
    plainProbs.forEach((row, i) => row.forEach((p, c) => expect(p).toBeCloseTo(student[i][c], 6)));
  });

  it('a colour resnet student exports with RGB input at the working size and runs in plain tfjs', async () => {
    const colour = { height: 32, width: 32, channels: 3 };
    const a = createAmalgamation({ ...defaultConfig, seed: 5, studentArch: 'resnet', studentWidth: 8 }, teachers, colour);
    const { files, metadata } = await exportStudent(a, colour, 'student-rgb', 'Student');
    expect(metadata.input).toMatchObject({ height: 32, width: 32, channels: 3 });
    const json = JSON.parse(new TextDecoder().decode(files[0].bytes)) as { modelTopology: object; weightsManifest: tf.io.WeightsManifestConfig };
    const plain = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: files[1].bytes }));
    expect(plain.inputs[0].shape).toEqual([null, 32, 32, 3]);
    const x = tf.randomUniform([3, 32, 32, 3], 0, 1, 'float32', 11) as tf.Tensor4D;
    const student = await predictUnion(a, x).array();
    const plainProbs = await tf.softmax(plain.predict(x.sub(0.5).div(0.5)) as tf.Tensor2D).array();
    plainProbs.forEach((row, i) => row.forEach((p, c) => expect(p).toBeCloseTo(student[i][c], 5)));
  });

  it("a student whose trunk is a teacher's copy (resized and rescaled inside) exports at the working size and runs in plain tfjs", async () => {
    // teachers[1] is a LeNet-5 on 32 px with its own mean/std: the student takes 28 px and resizes inside.
    for (const studentTrunk of ['teacher-frozen', 'teacher-finetune'] as const) {
      const a = createAmalgamation({ ...defaultConfig, seed: 6, studentWidth: 4, studentTrunk, studentTrunkTeacher: 1 }, teachers, shape);
      const { files, metadata } = await exportStudent(a, shape, 'student-trunk', 'Student');
      expect(metadata.input).toEqual({ height: 28, width: 28, channels: 1, mean: 0.5, std: 0.5 });
      const json = JSON.parse(new TextDecoder().decode(files[0].bytes)) as { modelTopology: object; weightsManifest: tf.io.WeightsManifestConfig };
      const plain = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: files[1].bytes }));
      expect(plain.inputs[0].shape).toEqual([null, 28, 28, 1]);
      expect(plain.layers.some((l) => l.name === 'trunk_input_resize_width')).toBe(true);
      const x = randomImages(4, 12);
      const student = await predictUnion(a, x).array();
      const plainProbs = await tf.softmax(plain.predict(x.sub(0.5).div(0.5)) as tf.Tensor2D).array();
      plainProbs.forEach((row, i) => row.forEach((p, c) => expect(p, studentTrunk).toBeCloseTo(student[i][c], 5)));
      plain.dispose();
    }
  });

  it('refuses a multi-head student rather than approximate its combination', async () => {
    const a = createAmalgamation({ ...defaultConfig, taskMode: 'multi-head' }, teachers, shape);
    await expect(exportStudent(a, shape, 's', 's')).rejects.toThrow(StudentExportError);
  });
});
