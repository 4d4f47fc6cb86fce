/**
 * How often the teachers' combined soft target picks the right class on the test set: the
 * ceiling for any student that learns only from those targets (docs/results.md).
 * Usage: npx tsx scripts/experiments/pseudo-label-ceiling.ts
 */
import * as tf from '@tensorflow/tfjs';
import path from 'node:path';
import { batchToTensor } from '../../src/core/data/imageTensors';
import { gatherPixels } from '../../src/core/data/transferSet';
import { runTeachers } from '../../src/core/method/amalgamation';
import { teacherTargets } from '../../src/core/method/amalgamationLoss';
import type { TransferData } from '../../src/core/method/config';
import { loadRunData } from '../../src/core/method/runData';
import { buildUnionLabels, dataLabelsToUnion } from '../../src/core/method/unionLabels';
import { configFromPreset } from '../../src/core/method/resolveConfig';
import { readDataFileFromDisk } from '../../src/node/dataFiles';
import { loadTeacherFromDir, teachersRoot } from '../../src/node/teacherFiles';
import { useNodeBackend } from '../../src/node/wasmBackend';

const settings: [string[], TransferData][] = [
  [['mnist-0-4', 'mnist-5-9'], 'mnist'],
  [['mnist-0-4-oe', 'mnist-5-9-oe'], 'mnist'],
  [['fashion-0-4', 'fashion-5-9'], 'fashion-mnist'],
  [['mnist-all', 'fashion-all'], 'mnist+fashion-mnist'],
  [['mnist-0-3', 'mnist-3-6', 'mnist-6-9'], 'mnist'],
];

async function ceiling(ids: string[], data: TransferData, combiner: 'concat' | 'confidence', taskMode: 'joint' | 'multi-head', temperature: number) {
  const config = configFromPreset('kd', { teachers: ids, data, combiner, taskMode, temperature });
  const teachers = await Promise.all(ids.map((id) => loadTeacherFromDir(path.join(teachersRoot, id))));
  const { test } = await loadRunData(data, readDataFileFromDisk);
  const union = buildUnionLabels(teachers.map((t) => t.metadata.labels));
  const toUnion = dataLabelsToUnion(test.labelNames, union);
  const indices = Int32Array.from({ length: test.count }, (_, i) => i).filter((i) => toUnion[test.labels[i]] >= 0);
  let correct = 0;
  for (let start = 0; start < indices.length; start += 1000) {
    const ids2 = indices.subarray(start, start + 1000);
    const x = batchToTensor(gatherPixels(test.pixels, test.height * test.width, ids2), test);
    const pseudo = tf.tidy(() => teacherTargets(config, union, runTeachers(teachers, x)).pseudo);
    const values = await pseudo.data();
    ids2.forEach((i, j) => (correct += values[j] === toUnion[test.labels[i]] ? 1 : 0));
    tf.dispose([x, pseudo]);
  }
  teachers.forEach((t) => t.dispose());
  return (100 * correct) / indices.length;
}

await useNodeBackend('wasm');
console.log('| teachers | data | pseudo-labels | accuracy on the union test set |\n|---|---|---|---|');
for (const [ids, data] of settings) {
  for (const [combiner, taskMode, T] of [['concat', 'joint', 4], ['confidence', 'joint', 4], ['concat', 'multi-head', 1]] as const) {
    if (taskMode === 'multi-head' && ids.length !== 2) continue;
    const label = taskMode === 'multi-head' ? 'most confident teacher (multi-head)' : `${combiner} combiner, T = ${T} (joint)`;
    console.log(`| ${ids.join(' + ')} | ${data} | ${label} | ${(await ceiling(ids, data, combiner, taskMode, T)).toFixed(2)} % |`);
  }
}
