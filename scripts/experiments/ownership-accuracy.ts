/**
 * Pseudo-label accuracy of every target builder (src/core/ownership): how often the union
 * target's argmax is the image's true class, on a validation split carved from the train split
 * (chooses the builder) and on the test split (reports only). Labels only score; the builders
 * are fitted on the transfer part of the train split, which they see without labels.
 * The transfer part is a seeded 20,000 of the 55,000 (115,000 for (c)) train images left after
 * validation, for speed (--transfer N changes it). About 8.5 CPU minutes for all four settings.
 * Usage: nice -n 10 npx tsx scripts/experiments/ownership-accuracy.ts [--transfer N] [--only '(a)']
 */
import * as tf from '@tensorflow/tfjs';
import path from 'node:path';
import type { LabelledImages } from '../../src/core/data/labelledImages';
import type { TransferData } from '../../src/core/method/config';
import { loadRunData } from '../../src/core/method/runData';
import { buildUnionLabels, dataLabelsToUnion, type UnionLabels } from '../../src/core/method/unionLabels';
import { VALIDATION_SIZE, validationOrder } from '../../src/core/data/validationSplit';
import { disposeOwnershipFit, fitOwnership, ownedUnionTarget, ownershipTargets, type OwnershipFit } from '../../src/core/ownership';
import { readDataFileFromDisk } from '../../src/node/dataFiles';
import { loadTeacherFromDir, teachersRoot } from '../../src/node/teacherFiles';
import { useNodeBackend } from '../../src/node/wasmBackend';
import { collectEvidence, disposeEvidence, toEvidence, type EvidenceArrays } from './ownershipEvidence';
import { builderVariants, type Variant } from './ownershipVariants';

const settings: [string, string[], TransferData][] = [
  ['(a)', ['mnist-0-4', 'mnist-5-9'], 'mnist'],
  ['(b)', ['fashion-0-4', 'fashion-5-9'], 'fashion-mnist'],
  ['(c)', ['mnist-all', 'fashion-all'], 'mnist+fashion-mnist'],
  ['(d)', ['mnist-0-3', 'mnist-3-6', 'mnist-6-9'], 'mnist'],
];
/** The run's distillation temperature (RunConfig's default), at which targets are built. */
const TEMPERATURE = 4;
const argTransfer = process.argv.indexOf('--transfer');
const TRANSFER = argTransfer > 0 ? Number(process.argv[argTransfer + 1]) : 20000;

/** The CLI's validation split (`--evaluate validation`) validates; the first TRANSFER of the same permutation are the transfer set. */
function splitTrain(count: number): { transfer: Int32Array; validation: Int32Array } {
  const order = validationOrder(count);
  return { transfer: order.slice(0, Math.min(TRANSFER, count - VALIDATION_SIZE)), validation: order.slice(count - VALIDATION_SIZE) };
}

interface Scored {
  evidence: EvidenceArrays;
  truth: Int32Array;
  /** knows[i * K + k]: teacher k knows image i's true class (for perfect routing and routing accuracy). */
  knows: Uint8Array;
}

function truthOf(set: LabelledImages, indices: Int32Array, union: UnionLabels): { truth: Int32Array; knows: Uint8Array } {
  const toUnion = dataLabelsToUnion(set.labelNames, union);
  const truth = Int32Array.from(indices, (i) => toUnion[set.labels[i]]);
  const knows = new Uint8Array(indices.length * union.maps.length);
  truth.forEach((y, i) => union.maps.forEach((m, k) => (knows[i * union.maps.length + k] = m.includes(y) ? 1 : 0)));
  return { truth, knows };
}

interface Accuracy {
  pseudo: number;
  routing: number;
}

/** Pseudo-label accuracy and routing accuracy (the owner knows the true class) of a fitted builder on a scored set. */
function accuracy(fit: OwnershipFit, set: Scored, shifts: number[], union: UnionLabels): Accuracy {
  const evidence = toEvidence(set.evidence, shifts);
  const out = ownershipTargets(fit, evidence, union.maps, union.names.length, TEMPERATURE);
  const pseudo = out.pseudo.dataSync();
  const owner = tf.tidy(() => tf.argMax(out.weights, 1)).dataSync();
  tf.dispose([out.target, out.pseudo, out.weights]);
  disposeEvidence(evidence);
  const k = union.maps.length;
  let right = 0;
  let routed = 0;
  set.truth.forEach((y, i) => {
    right += pseudo[i] === y ? 1 : 0;
    routed += set.knows[i * k + owner[i]];
  });
  return { pseudo: (100 * right) / set.truth.length, routing: (100 * routed) / set.truth.length };
}

/** Perfect routing (labels decide the owner: uniform over the teachers that know the class); reference only. */
function perfectRouting(set: Scored, union: UnionLabels): number {
  const k = union.maps.length;
  const rows = Array.from({ length: set.truth.length }, (_, i) => {
    const row = Array.from(set.knows.subarray(i * k, (i + 1) * k));
    const sum = row.reduce((s, v) => s + v, 0);
    return row.map((v) => v / sum);
  });
  const evidence = toEvidence(set.evidence, []);
  const weights = tf.tensor2d(rows);
  const pseudo = tf.tidy(() => tf.argMax(ownedUnionTarget(evidence.logits, union.maps, union.names.length, TEMPERATURE, weights), 1)).dataSync();
  tf.dispose(weights);
  disposeEvidence(evidence);
  return (100 * set.truth.reduce((s, y, i) => s + (pseudo[i] === y ? 1 : 0), 0)) / set.truth.length;
}

interface Row {
  variant: Variant;
  val: Accuracy;
  test: Accuracy;
}

async function runSetting(name: string, ids: string[], data: TransferData): Promise<{ rows: Row[]; perfect: number; seconds: number; sizes: string }> {
  const started = performance.now();
  const teachers = await Promise.all(ids.map((id) => loadTeacherFromDir(path.join(teachersRoot, id))));
  const union = buildUnionLabels(teachers.map((t) => t.metadata.labels));
  const { train, test } = await loadRunData(data, readDataFileFromDisk);
  const split = splitTrain(train.count);
  const allTest = Int32Array.from({ length: test.count }, (_, i) => i);
  const score = async (set: LabelledImages, indices: Int32Array): Promise<Scored> => ({ evidence: await collectEvidence(teachers, set, indices), ...truthOf(set, indices, union) });
  const transfer = await collectEvidence(teachers, train, split.transfer);
  const val = await score(train, split.validation);
  const testSet = await score(test, allTest);
  teachers.forEach((t) => t.dispose());
  const rows = builderVariants(TEMPERATURE).map((variant) => {
    const fitEvidence = toEvidence(transfer, variant.shifts);
    const fit = fitOwnership(variant.spec, fitEvidence, 1);
    disposeEvidence(fitEvidence);
    const row = { variant, val: accuracy(fit, val, variant.shifts, union), test: accuracy(fit, testSet, variant.shifts, union) };
    disposeOwnershipFit(fit);
    return row;
  });
  const seconds = (performance.now() - started) / 1000;
  console.error(`${name} ${ids.join(' + ')}: ${seconds.toFixed(0)} s`);
  return { rows, perfect: perfectRouting(testSet, union), seconds, sizes: `${split.transfer.length} / ${split.validation.length} / ${test.count}` };
}

await useNodeBackend('wasm');
const only = process.argv.indexOf('--only') > 0 ? process.argv[process.argv.indexOf('--only') + 1] : null;
const picks: string[] = [];
const all: Row[][] = [];
console.log(`Pseudo-label accuracy (%) of each target builder at T = ${TEMPERATURE}; routing = the owner knows the true class. Fit on the transfer part of train, chosen on validation (train), reported on test.\n`);
console.log('| setting | builder | variant | val pseudo | val routing | test pseudo | test routing |\n|---|---|---|---|---|---|---|');
for (const [name, ids, data] of settings) {
  if (only && only !== name) continue;
  const { rows, perfect, seconds, sizes } = await runSetting(name, ids, data);
  all.push(rows);
  for (const { variant, val, test } of rows) {
    console.log(`| ${name} | ${variant.builder} | ${variant.label} | ${val.pseudo.toFixed(2)} | ${val.routing.toFixed(2)} | ${test.pseudo.toFixed(2)} | ${test.routing.toFixed(2)} |`);
  }
  const best = rows.reduce((a, b) => (b.val.pseudo > a.val.pseudo ? b : a));
  picks.push(`| ${name} ${ids.join(' + ')} | ${sizes} | ${best.variant.builder} (${best.variant.label}) | ${best.val.pseudo.toFixed(2)} | ${best.test.pseudo.toFixed(2)} | ${rows[0].test.pseudo.toFixed(2)} | ${perfect.toFixed(2)} | ${seconds.toFixed(0)} |`);
}
console.log('\nBest builder per setting, chosen on validation only:\n');
console.log('| setting | transfer / val / test images | best on val | val | test | concat test | perfect routing test | seconds |\n|---|---|---|---|---|---|---|---|');
picks.forEach((p) => console.log(p));

// One builder for every setting (a preset's default): the best mean validation accuracy over the settings run.
const meanVal = all[0].map((_, v) => all.reduce((sum, rows) => sum + rows[v].val.pseudo, 0) / all.length);
const single = meanVal.indexOf(Math.max(...meanVal));
const { variant } = all[0][single];
console.log(`\nOne builder for all settings, best mean validation accuracy: ${variant.builder} (${variant.label}), mean val ${meanVal[single].toFixed(2)}; test per setting: ${all.map((rows) => rows[single].test.pseudo.toFixed(2)).join(' / ')}`);
