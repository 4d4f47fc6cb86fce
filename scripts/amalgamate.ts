import type { LabelledImages } from '../src/core/data/labelledImages';
import { splitValidation } from '../src/core/data/validationSplit';
import type { RunConfig } from '../src/core/method/config';
import { atWorkingResolution, loadRunData } from '../src/core/method/runData';
import { runAmalgamation, type EpochRecord } from '../src/core/method/runAmalgamation';
import { readDataFileFromDisk } from '../src/node/dataFiles';
import { spreadSample } from '../src/core/teachers/inputScaling';
import { resolveTeacher } from '../src/node/teacherFiles';
import { useNodeBackend } from '../src/node/wasmBackend';
import { parseAmalgamateArgs, usage, type AmalgamateArgs, type EvaluationSplit } from './cli/amalgamateArgs';
import { UsageError } from './cli/args';
import { abortOnSigint } from './cli/interrupt';
import { createProgress } from './cli/progress';
import { formatConfig, formatEpoch, formatSummary } from './cli/report';
import { provenance, writeRunRecord } from './cli/runFile';

/** The test split reports; `--evaluate validation` trains on train minus a held-out validation split and scores on that. */
async function evaluationData(config: RunConfig, evaluate: EvaluationSplit): Promise<{ train: LabelledImages; test: LabelledImages }> {
  const data = await loadRunData(config.data, readDataFileFromDisk);
  if (evaluate === 'test') return data;
  const { train, validation } = splitValidation(data.train);
  return { train, test: validation };
}

/** Trains one student from the teachers and writes its run record; see runs/README.md. */
async function amalgamate(args: AmalgamateArgs, argv: string[]): Promise<void> {
  const { config } = args;
  const backend = await useNodeBackend(args.backend);
  console.log(formatConfig(config, backend));
  const signal = abortOnSigint();
  const loaded = await evaluationData(config, args.evaluate);
  // A model folder without metadata has its input scaling checked on transfer images, as in the studio.
  const sample = spreadSample(loaded.train.pixels, loaded.train);
  const teachers = await Promise.all(config.teachers.map((id) => resolveTeacher(id, sample)));
  sample.dispose();
  // The student learns at the working resolution; each teacher still resizes to its own input.
  const { train, test } = atWorkingResolution(config, teachers.map((t) => t.metadata.input), loaded);
  const progress = createProgress(process.stderr, config);
  const onEpoch = (e: EpochRecord) => {
    progress.clear();
    console.log(formatEpoch(e, config.epochs));
  };
  const record = await runAmalgamation({ config, teachers, train, test, backend }, { onStep: progress.update, onEpoch, signal }).finally(() => progress.clear());
  // A Ctrl-C during the last evaluation is seen only now; it still means "keep nothing".
  signal.throwIfAborted();
  const file = writeRunRecord(args.outDir, { ...record, ...provenance(argv, args.evaluate) }, args.tag);
  console.log(formatSummary(record, file));
}

function exitOn(err: unknown): never {
  if (err instanceof UsageError) {
    console.error(`amalgamate: ${err.message}\n(--help lists the flags)`);
    process.exit(2);
  }
  if ((err as { name?: string })?.name === 'AbortError') {
    console.error('amalgamate: interrupted; no run record written');
    process.exit(130);
  }
  throw err;
}

const argv = process.argv.slice(2);
try {
  const args = parseAmalgamateArgs(argv);
  if (args === 'help') console.log(usage);
  else await amalgamate(args, argv);
} catch (err) {
  exitOn(err);
}
