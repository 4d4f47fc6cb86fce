import { spawnSync } from 'node:child_process';
import { parseAmalgamateArgs } from './cli/amalgamateArgs';
import { parseArgs, UsageError } from './cli/args';
import { isRecorded, recordedConfigs } from './experiments/existingRecords';
import { expandExperiment, ExperimentError, readExperiment, selectRuns, type PlannedRun } from './experiments/experimentFile';

const usage = `usage: npm run experiment -- scripts/experiments/<name>.json [--only <text>] [--dry-run]
  Makes every run the file declares with \`npm run amalgamate\`, one at a time, skipping runs
  whose record is already in the file's "out" folder (so an interrupted experiment resumes).
  --only <text>   only the runs whose label ("preset[:tag] · setting · s<seed>") or flags contain it
  --dry-run       list the runs, each marked "recorded" or "to run", and run nothing`;

/** Every run is validated (flags, teachers) before the first one starts. */
function plan(file: string, only: string | undefined) {
  const experiment = readExperiment(file);
  const recorded = recordedConfigs(experiment.out);
  return selectRuns(expandExperiment(experiment), only).map((run) => {
    const args = parseAmalgamateArgs(run.argv);
    if (args === 'help') throw new UsageError(`${run.label}: --help in an experiment file`);
    return { run, done: isRecorded(args.config, recorded) };
  });
}

/** A child process per run, so each record's provenance is the plain amalgamate command. */
function amalgamate(run: PlannedRun): void {
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/amalgamate.ts', ...run.argv], { stdio: 'inherit' });
  if (child.status !== 0) throw new Error(`${run.label} failed (exit ${child.status ?? child.signal}): npm run amalgamate -- ${run.argv.join(' ')}`);
}

function main(argv: string[]): void {
  const { flags, positionals } = parseArgs(argv, { only: 'value', 'dry-run': 'switch', help: 'switch' });
  if (flags.has('help')) return console.log(usage);
  if (positionals.length !== 1) throw new UsageError('give one experiment file');
  const runs = plan(positionals[0], flags.get('only'));
  const todo = runs.filter((r) => !r.done);
  console.log(`${runs.length} runs, ${runs.length - todo.length} already recorded, ${todo.length} to run`);
  if (flags.has('dry-run')) {
    for (const { run, done } of runs) console.log(`${done ? 'recorded' : 'to run  '}  ${run.label}  npm run amalgamate -- ${run.argv.join(' ')}`);
    return;
  }
  todo.forEach(({ run }, i) => {
    console.log(`[${i + 1}/${todo.length}] ${run.label}`);
    amalgamate(run);
  });
}

// `--dry-run | head` closes the pipe early; that is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(0);
});

try {
  main(process.argv.slice(2));
} catch (err) {
  if (!(err instanceof UsageError || err instanceof ExperimentError)) throw err;
  console.error(`experiment: ${err.message}\n\n${usage}`);
  process.exit(2);
}
