import path from 'node:path';
import { loadLabelledImages } from '../../src/core/data/labelledImages';
import { batchToTensor } from '../../src/core/data/imageTensors';
import { toTransferSet } from '../../src/core/data/transferSet';
import { createAmalgamation, disposeAmalgamation, trainStep } from '../../src/core/method/amalgamation';
import { configFromPreset } from '../../src/core/method/resolveConfig';
import { readDataFileFromDisk } from '../../src/node/dataFiles';
import { loadTeacherFromDir, teachersRoot } from '../../src/node/teacherFiles';
import { useNodeBackend } from '../../src/node/wasmBackend';

/**
 * The loss of the first CKA step as the Node CLI computes it (wasm backend), on the same
 * batch and seeded weights as the worker's benchTrain: the browser must agree with it.
 */
export async function nodeFirstCkaLoss(): Promise<number> {
  await useNodeBackend('wasm');
  const config = configFromPreset('cka', { batchSize: 64 });
  const teachers = await Promise.all(config.teachers.map((id) => loadTeacherFromDir(path.join(teachersRoot, id))));
  const train = await loadLabelledImages('mnist', 'train', readDataFileFromDisk);
  const batch = toTransferSet(train, config.seed).batches(config.batchSize, 0, true).next().value;
  if (!batch) throw new Error('mnist/train has no full first batch');
  const a = createAmalgamation(config, teachers, train);
  const x = batchToTensor(batch, train);
  try {
    return (await trainStep(a, x)).total;
  } finally {
    x.dispose();
    disposeAmalgamation(a);
    teachers.forEach((t) => t.dispose());
  }
}
