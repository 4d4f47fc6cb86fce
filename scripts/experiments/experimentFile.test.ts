import { describe, expect, it } from 'vitest';
import { parseAmalgamateArgs } from '../cli/amalgamateArgs';
import { isRecorded, recordedConfigs } from './existingRecords';
import { expandExperiment, ExperimentError, parseExperiment, readExperiment, selectRuns, type PlannedRun } from './experimentFile';

/** A run as a set of flags: the order of flags on a command line does not change the run. */
const flagsOf = (argv: string[]) => Object.fromEntries(argv.map((w, i) => [w, argv[i + 1]]).filter((_, i) => i % 2 === 0));
const asFlags = (runs: PlannedRun[]) => runs.map((r) => flagsOf(r.argv));
const cmd = (line: string) => flagsOf(line.split(' '));

// The runs the bash scripts that preceded the experiment files made (their loops, written out).
const presets = ['kd', 'cfl', 'cka', 'cka-no-intra', 'cka-no-inter', 'cka-no-align', 'oracle'];
const tableSettings = [
  '--teachers mnist-0-4,mnist-5-9 --data mnist --task-mode joint',
  '--teachers mnist-0-4-oe,mnist-5-9-oe --data mnist --task-mode joint',
  '--teachers fashion-0-4,fashion-5-9 --data fashion-mnist --task-mode joint',
  '--teachers mnist-all,fashion-all --data mnist+fashion-mnist --task-mode multi-head',
  '--teachers mnist-all,fashion-all --data mnist+fashion-mnist --task-mode joint',
  '--teachers mnist-0-3,mnist-3-6,mnist-6-9 --data mnist --task-mode joint',
];
const oldTable = presets.flatMap((p) => tableSettings.flatMap((s) => [1, 2, 3].map((seed) => cmd(`--preset ${p} ${s} --seed ${seed} --transfer-limit 12800 --epochs 1 --out runs/results`))));
const oldTiming = presets.map((p) => cmd(`--preset ${p} --teachers mnist-0-4,mnist-5-9 --data mnist --seed 1 --transfer-limit 3840 --epochs 1 --out runs/timing`));
// The sweep ran when tau's default was 0.1; the experiment file pins that base point.
const sweepCommon = '--teachers mnist-0-4,mnist-5-9 --data mnist --seed 100 --transfer-limit 12800 --epochs 1 --out runs/sweep --tau 0.1 --tau-align 0.1';
const sweepMoves = [
  ...[0.03, 0.3, 1].map((w) => `--w-intra ${w} --tag intra${w}`),
  ...[0.03, 0.3, 1].map((w) => `--w-inter ${w} --tag inter${w}`),
  ...[0.3, 3].map((w) => `--w-align ${w} --tag align${w}`),
  ...[0.05, 0.2].map((t) => `--tau ${t} --tau-align ${t} --tag tau${t}`),
  '--combiner confidence --tag confidence',
];
const oldSweep = [cmd(`${sweepCommon} --preset kd`), cmd(`${sweepCommon} --preset cka`), ...sweepMoves.map((m) => ({ ...cmd(`${sweepCommon} --preset cka`), ...cmd(m) }))];

// Those scripts ran before target builders, when every target was the concatenated one, before
// schedules, when the rate was constant, and when the student's width was 32.
const concat = (runs: Record<string, string>[]) => runs.map((r) => ({ ...r, '--target-builder': 'concat', '--lr-schedule': 'constant', '--width': '32' }));
const declared = {
  'scripts/experiments/results-table.json': concat(oldTable),
  'scripts/experiments/sweep-cka.json': concat(oldSweep),
  'scripts/experiments/epoch-time.json': concat(oldTiming),
};

describe('declared experiments', () => {
  for (const [file, old] of Object.entries(declared)) {
    it(`${file} expands to the runs the old script made, in its order`, () => {
      expect(asFlags(expandExperiment(readExperiment(file)))).toEqual(old);
    });

    it(`${file}: every run passes the amalgamate CLI's checks and has its record in the declared folder`, () => {
      const experiment = readExperiment(file);
      const recorded = recordedConfigs(experiment.out);
      for (const run of expandExperiment(experiment)) {
        const args = parseAmalgamateArgs(run.argv);
        if (args === 'help') throw new Error('unexpected --help');
        expect(args.outDir).toBe(experiment.out);
        expect(isRecorded(args.config, recorded), run.label).toBe(true);
      }
    });
  }

  it('a run differing from every record in seed or in a used setting is not recorded', () => {
    const recorded = recordedConfigs('runs/timing');
    const config = (argv: string) => {
      const args = parseAmalgamateArgs(argv.split(' '));
      if (args === 'help') throw new Error('unexpected --help');
      return args.config;
    };
    const base = '--preset cka --target-builder concat --lr-schedule constant --width 32 --teachers mnist-0-4,mnist-5-9 --data mnist --transfer-limit 3840 --epochs 1';
    // Those records had concatenated targets: today's cka (cluster ownership) is another run.
    expect(isRecorded(config(base.replace(' --target-builder concat', '') + ' --seed 1'), recorded)).toBe(false);
    expect(isRecorded(config(`${base} --seed 1`), recorded)).toBe(true);
    expect(isRecorded(config(`${base} --seed 2`), recorded)).toBe(false);
    expect(isRecorded(config(`${base} --seed 1 --w-align 3`), recorded)).toBe(false);
    // KD reads no contrastive temperature: a different tau is the same KD run.
    expect(isRecorded(config(`${base.replace('cka', 'kd')} --seed 1 --tau 0.05`), recorded)).toBe(true);
  });
});

describe('expandExperiment', () => {
  const experiment = parseExperiment(
    {
      description: 'x',
      out: 'runs/x',
      seeds: [1, 2],
      budget: { epochs: 1, tau: 0.1 },
      settings: [{ name: 'a', flags: { data: 'mnist', tau: 0.2 } }],
      presets: ['kd', { preset: 'cka', variants: [{}, { tag: 't', flags: { tau: 0.3 } }] }],
    },
    'inline',
  );

  it('orders runs by preset, variant, setting, seed, and lets later flags win', () => {
    const runs = expandExperiment(experiment);
    expect(runs.map((r) => r.label)).toEqual(['kd · a · s1', 'kd · a · s2', 'cka · a · s1', 'cka · a · s2', 'cka:t · a · s1', 'cka:t · a · s2']);
    expect(flagsOf(runs[4].argv)).toEqual({ '--preset': 'cka', '--epochs': '1', '--tau': '0.3', '--data': 'mnist', '--seed': '1', '--out': 'runs/x', '--tag': 't' });
    expect(flagsOf(runs[0].argv)['--tau']).toBe('0.2');
  });

  it('--only keeps the runs whose label or flags contain the text', () => {
    const runs = expandExperiment(experiment);
    expect(selectRuns(runs, 'cka:t').map((r) => r.label)).toEqual(['cka:t · a · s1', 'cka:t · a · s2']);
    expect(selectRuns(runs, '--seed 2')).toHaveLength(3);
    expect(selectRuns(runs, undefined)).toHaveLength(6);
  });

  it('refuses a file of the wrong shape, naming the field', () => {
    const good = { description: 'x', out: 'o', seeds: [1], budget: {}, settings: [{ name: 'a', flags: {} }], presets: ['kd'] };
    expect(() => parseExperiment({ ...good, seeds: [] }, 'f.json')).toThrow(/f\.json: "seeds"/);
    expect(() => parseExperiment({ ...good, budget: { epochs: [1] } }, 'f.json')).toThrow(/"budget"/);
    expect(() => parseExperiment({ ...good, presets: [{ preset: 'cka', variants: [{ tag: 1 }] }] }, 'f.json')).toThrow(ExperimentError);
    expect(() => parseExperiment({ ...good, out: '' }, 'f.json')).toThrow(/"out"/);
  });
});
