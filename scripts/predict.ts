import * as tf from '@tensorflow/tfjs';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { channelsOf, withChannels } from '../src/core/data/droppedImages';
import { autoSideForFiles, workingResolution } from '../src/core/data/workingResolution';
import { loadLabelledImages } from '../src/core/data/labelledImages';
import { spreadSample } from '../src/core/teachers/inputScaling';
import type { DroppedTeacherBuild } from '../src/core/teachers/loadDropped';
import { readDataFileFromDisk } from '../src/node/dataFiles';
import { readImageAt } from '../src/node/imageFiles';
import { isModelFolder, loadTeacherFolder, loadTeacherFromDir, teachersRoot } from '../src/node/teacherFiles';
import { useNodeBackend } from '../src/node/wasmBackend';
import { UsageError } from './cli/args';
import { parsePredictArgs, usage, type PredictArgs } from './cli/predictArgs';

/** One teacher's class probabilities for each image, as JSON on stdout; see `--help`. */
async function teacherFor(args: PredictArgs): Promise<DroppedTeacherBuild['teacher']> {
  if (!isModelFolder(args.teacher)) return loadTeacherFromDir(path.join(teachersRoot, args.teacher));
  const train = await loadLabelledImages(args.data, 'train', readDataFileFromDisk);
  const sample = spreadSample(train.pixels, train);
  const build = await loadTeacherFolder(args.teacher, { labels: args.labels, scaling: args.scaling }, sample);
  sample.dispose();
  const { mean, std } = build.teacher.metadata.input;
  const proposed = build.scaling?.candidates.find((c) => c.id === build.scaling?.proposed);
  console.error(`${build.teacher.metadata.title}: ${build.teacher.outputs}; input (x - ${mean}) / ${std}${proposed ? ` (the check proposed ${proposed.label})` : ''}`);
  return build.teacher;
}

async function predict(args: PredictArgs): Promise<void> {
  await useNodeBackend(args.backend);
  const teacher = await teacherFor(args);
  // As the studio decodes a drop under 'auto': at the teacher's input size (at most 64 px, never
  // above the images' own), RGB when any image has colour; the teacher then resizes to its own input.
  const side = autoSideForFiles(workingResolution('auto', [teacher.metadata.input]), args.images.map((f) => new Uint8Array(readFileSync(f))));
  const decoded = args.images.map((file) => readImageAt(file, { height: side, width: side }));
  const channels = channelsOf(decoded);
  const pixels = decoded.map((d) => withChannels(d, channels));
  const x = tf.tensor4d(Float32Array.from(pixels.flatMap((p) => Array.from(p)), (v) => v / 255), [pixels.length, side, side, channels]);
  const rows = teacher.probabilities(x).arraySync();
  const labels = teacher.metadata.labels;
  const out = args.images.map((file, i) => ({ file, probabilities: Object.fromEntries(labels.map((l, c) => [l, rows[i][c]])) }));
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

try {
  const args = parsePredictArgs(process.argv.slice(2));
  if (args === 'help') console.log(usage);
  else await predict(args);
} catch (err) {
  if (!(err instanceof UsageError)) throw err;
  console.error(`predict: ${err.message}\n(--help lists the flags)`);
  process.exit(2);
}
