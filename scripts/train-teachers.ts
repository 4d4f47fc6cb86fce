/**
 * npm run teachers [-- --only=id,id] : trains, evaluates and saves the teacher zoo under
 * public/teachers/<id>/ (model.json, weights.bin, metadata.json). Reproducible from each
 * entry's seed. Accuracy is measured after saving, through the studio's own loader.
 *
 * npm run teachers -- --evaluate=<model folder> [--labels=a,b,...] : measures any model folder
 * (read as the studio's drop zone reads it; a model without metadata has its input scaling
 * checked on the train split's images) on the built-in test set whose classes its labels name.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadLabelledImages, selectClasses, type LabelledImages } from '../src/core/data/labelledImages';
import { dataSets, type DataSetId, type Split } from '../src/core/data/dataSets';
import { architectures, buildClassifier, FEATURE_LAYER } from '../src/core/teachers/architectures';
import { evaluateClassifier, trainClassifier } from '../src/core/teachers/trainClassifier';
import type { InputSpec, TeacherMetadata } from '../src/core/teachers/teacherMetadata';
import { readDataFileFromDisk } from '../src/node/dataFiles';
import { loadTeacher } from '../src/core/teachers/loadTeacher';
import { classesNamed } from '../src/core/teachers/classMatch';
import { spreadSample } from '../src/core/teachers/inputScaling';
import { loadTeacherFolder, modelFilesFromDir, saveModelToDir, shippedTeacherIds, teachersRoot } from '../src/node/teacherFiles';
import { useNodeBackend } from '../src/node/wasmBackend';
import { pixelStats, teacherZoo, type ZooEntry } from './teacherZoo';

const cache = new Map<string, Promise<LabelledImages>>();
function images(id: DataSetId, split: Split): Promise<LabelledImages> {
  const key = `${id}/${split}`;
  if (!cache.has(key)) cache.set(key, loadLabelledImages(id, split, readDataFileFromDisk));
  return cache.get(key)!;
}

function inputSpec(entry: ZooEntry): InputSpec {
  const size = architectures[entry.architecture].inputSize;
  return { height: size, width: size, channels: dataSets[entry.dataSet].channels, ...pixelStats[entry.dataSet] };
}

async function trainTeacher(entry: ZooEntry, backend: string): Promise<TeacherMetadata> {
  const spec = inputSpec(entry);
  const train = selectClasses(await images(entry.dataSet, 'train'), entry.classes);
  const model = buildClassifier(entry.architecture, entry.classes.length, entry.seed, spec.channels);
  const started = performance.now();
  await trainClassifier(model, train, entry.classes, spec, {
    epochs: entry.epochs,
    batchSize: 64,
    learningRate: 1e-3,
    seed: entry.seed,
    mirror: entry.mirror,
    outliers: entry.outlierExposure && { images: await images(entry.outlierExposure.dataSet, 'train'), weight: entry.outlierExposure.weight },
    onEpoch: (epoch, loss) => console.log(`  ${entry.id} epoch ${epoch + 1}/${entry.epochs} loss ${loss.toFixed(4)}`),
  });
  const trainSeconds = (performance.now() - started) / 1000;
  const dir = path.join(teachersRoot, entry.id);
  await saveModelToDir(model, dir);
  const metadata: TeacherMetadata = {
    id: entry.id,
    title: entry.title,
    labels: entry.classes.map((c) => dataSets[entry.dataSet].labelNames[c]),
    input: spec,
    featureLayer: FEATURE_LAYER,
    featureSize: model.getLayer(FEATURE_LAYER).outputShape.at(-1) as number,
    provenance: {
      dataSet: entry.dataSet,
      classes: entry.classes,
      testAccuracy: 0,
      testSamples: 0,
      architecture: `${entry.architecture} (${architectures[entry.architecture].describe})`,
      parameters: model.countParams(),
      seed: entry.seed,
      epochs: entry.epochs,
      trainSeconds: Math.round(trainSeconds * 10) / 10,
      backend,
      ...(entry.outlierExposure ? { outlierExposure: entry.outlierExposure } : {}),
    },
  };
  model.dispose();
  return recordAccuracy(dir, metadata);
}

/** Evaluates the saved files through the studio's loader, so the recorded figure is what users get. */
async function recordAccuracy(dir: string, metadata: TeacherMetadata): Promise<TeacherMetadata> {
  const teacher = await loadTeacher(modelFilesFromDir(dir), metadata);
  const provenance = metadata.provenance!;
  const test = await images(provenance.dataSet, 'test');
  const result = await evaluateClassifier((x) => teacher.run(x).logits, test, provenance.classes);
  teacher.dispose();
  const recorded = { ...metadata, provenance: { ...provenance, testAccuracy: Math.round(result.accuracy * 1e5) / 1e5, testSamples: result.samples } };
  writeFileSync(path.join(dir, 'metadata.json'), JSON.stringify(recorded, null, 2) + '\n');
  return recorded;
}

function writeIndex(): void {
  const ids = shippedTeacherIds();
  writeFileSync(path.join(teachersRoot, 'index.json'), JSON.stringify({ teachers: ids }, null, 2) + '\n');
}

/** A model folder's accuracy on the first built-in test set whose class names hold all its labels. */
async function evaluateFolder(dir: string, labels: string[] | undefined): Promise<void> {
  const backend = await useNodeBackend('wasm');
  const known = Object.keys(dataSets) as DataSetId[];
  // The labels decide the data set; only then are its train images sampled for the scaling check.
  const probe = await loadTeacherFolder(dir, { labels });
  const names = probe.teacher.metadata.labels;
  probe.teacher.dispose();
  const dataSet = known.find((d) => classesNamed(names, dataSets[d].labelNames));
  if (!dataSet) throw new Error(`${dir}: its labels (${names.join(', ')}) are not classes of a built-in test set (${known.join(', ')})`);
  const train = await images(dataSet, 'train');
  const sample = spreadSample(train.pixels, train);
  const { teacher, scaling } = await loadTeacherFolder(dir, { labels }, sample);
  sample.dispose();
  const classes = classesNamed(names, dataSets[dataSet].labelNames)!;
  const result = await evaluateClassifier((x) => teacher.run(x).logits, await images(dataSet, 'test'), classes);
  const { mean, std } = teacher.metadata.input;
  console.log(`${teacher.metadata.title}: ${teacher.outputs}; input (x - ${mean}) / ${std}${scaling ? ` (proposed by the check: ${scaling.proposed})` : ''}`);
  console.log(`${dir}: test accuracy ${(result.accuracy * 100).toFixed(2)} % on ${result.samples} ${dataSet} test images (classes ${classes.join(',')}) [${backend}]`);
  teacher.dispose();
}

async function main(): Promise<void> {
  const evaluate = process.argv.find((a) => a.startsWith('--evaluate='))?.slice(11);
  if (evaluate) return evaluateFolder(evaluate, process.argv.find((a) => a.startsWith('--labels='))?.slice(9).split(','));
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
  const backend = await useNodeBackend('wasm');
  const rows: string[] = ['| teacher | data set | classes | architecture | params | feature | input | epochs | test acc. | train time |', '|---|---|---|---|---|---|---|---|---|---|'];
  for (const entry of teacherZoo.filter((e) => !only || only.includes(e.id))) {
    console.log(`training ${entry.id} (${entry.architecture}) on ${entry.dataSet} classes ${entry.classes.join(',')} [${backend}]`);
    const m = await trainTeacher(entry, backend);
    const p = m.provenance!;
    console.log(`  ${m.id}: test accuracy ${(p.testAccuracy * 100).toFixed(2)} % on ${p.testSamples} images, trained in ${p.trainSeconds} s`);
    rows.push(`| ${m.id} | ${p.dataSet} | ${p.classes.join(',')} | ${entry.architecture} | ${p.parameters} | ${m.featureSize} | ${m.input.height}x${m.input.width} | ${p.epochs} | ${(p.testAccuracy * 100).toFixed(2)} % | ${p.trainSeconds} s |`);
  }
  writeIndex();
  console.log('\n' + rows.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
