import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunConfig } from '../../src/core/method/config';
import { configFromPreset } from '../../src/core/method/resolveConfig';
import { parseRunRecord, type StoredRunRecord } from '../../src/node/runRecords';
import { configTextOfHash, configToJson, encodeConfigHash } from '../../src/ui/method/configCodec';
import { browserRunRecord } from '../../src/ui/results/runRecord';
import { createStudioStore } from '../../src/ui/store/studioStore';
import { parseAmalgamateArgs } from './amalgamateArgs';
import { writeRunRecord } from './runFile';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cka-config-kinds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A CLI run record as scripts/amalgamate.ts writes it (the metrics are made up; the config is the point). */
function cliRecordFile(config: RunConfig): string {
  const cohesion = { silhouette: 0.1, intraClassDistance: 0.2, interCentroidDistance: 0.6, ratio: 0.33, classes: 10 };
  const final = { samples: 10, jointAccuracy: 0.9, perTeacher: [], perClass: [], confusion: [], cohesion: { trueLabels: cohesion, pseudoLabels: cohesion } };
  const record = {
    kind: 'cka-studio-run', version: 1, config, backend: 'wasm', startedAt: '2026-01-01T00:00:00.000Z',
    teachers: config.teachers.map((id) => ({ id, labels: [], testAccuracy: 0.99 })), union: [], transferImages: 640,
    epochs: [{ epoch: 1, seconds: 1, meanTotal: 1, meanTerms: {}, evaluation: final }], final, untrained: final,
    wallSeconds: 1, medianStepMs: 1, imagesPerSecond: 1, command: ['npm', 'run', 'amalgamate'],
  } as unknown as StoredRunRecord;
  const file = writeRunRecord(dir, record, 'kinds');
  expect(() => parseRunRecord(JSON.parse(JSON.stringify(record)))).not.toThrow(); // it is a record the table reads
  return file;
}

/** The studio's run record, as the Results panel's download writes it. */
function browserRecordFile(config: RunConfig): string {
  const store = createStudioStore();
  store.getState().beginRun(config);
  const record = browserRunRecord(store.getState(), 'wasm')!;
  return written(`browser-${config.seed}.json`, JSON.stringify(record, null, 2));
}

const written = (name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};

/** Every kind of file the project writes that carries a config. */
const writers: [string, (c: RunConfig) => string][] = [
  ['CLI run record', cliRecordFile],
  ['studio run record', browserRecordFile],
  ['"Download config JSON"', (c) => written(`config-${c.preset}-${c.seed}.json`, configToJson(c))],
  ['share link config', (c) => written(`link-${c.preset}-${c.seed}.json`, configTextOfHash(encodeConfigHash(c))!)],
];

const configs: [string, RunConfig][] = [
  ['cfl on fashion with tuned fields', configFromPreset('cfl', { teachers: ['fashion-0-4', 'fashion-5-9'], data: 'fashion-mnist', seed: 7, tau: 0.3, weights: { kd: 2 } })],
  // A field at its global default but not at its preset's: the link must still carry it.
  ['cfl with the default temperature', configFromPreset('cfl', { temperature: 4, seed: 3 })],
  ['custom', { ...configFromPreset('cka', { weights: { inter: 0.3 }, transferLimit: 640, epochs: 2 }), preset: 'custom' }],
  ['oracle, three teachers', configFromPreset('oracle', { teachers: ['mnist-0-3', 'mnist-3-6', 'mnist-6-9'], seed: 11 })],
];

const cliConfig = (argv: string[]) => {
  const args = parseAmalgamateArgs(argv);
  if (args === 'help') throw new Error('unexpected --help');
  return args.config;
};

describe('the CLI reads every record kind the project writes', () => {
  it.each(configs)('%s: each kind gives back the same config', (_, config) => {
    for (const [kind, write] of writers) expect(cliConfig(['--config', write(config)]), kind).toEqual(config);
  });

  it.each(configs)('%s: a rerun with flags changes the same fields whichever record it starts from', (_, config) => {
    const reruns = writers.map(([, write]) => cliConfig(['--config', write(config), '--seed', '42', '--epochs', '3']));
    for (const rerun of reruns) expect(rerun).toEqual({ ...config, seed: 42, epochs: 3 });
  });

  it('a studio run record and a CLI run record rerun with identical configs', () => {
    const config = configs[0][1];
    expect(cliConfig(['--config', browserRecordFile(config)])).toEqual(cliConfig(['--config', cliRecordFile(config)]));
  });
});

describe('config flags come from the schema', () => {
  it('--help lists every field with its flag', async () => {
    const { usage } = await import('./amalgamateArgs');
    const { configSchema } = await import('../../src/core/method/config/schema');
    for (const [field, spec] of Object.entries(configSchema)) expect(usage).toMatch(new RegExp(`--${spec.flag} +${field.replace('.', '\\.')} `));
  });

  it('a bool field takes true or false', () => {
    expect(cliConfig(['--preset', 'kd', '--supervised', 'true']).supervised).toBe(true);
    expect(() => parseAmalgamateArgs(['--preset', 'kd', '--supervised', 'yes'])).toThrow(/--supervised yes: config\.supervised must be true or false/);
  });

  it('a run still names its preset somewhere', () => {
    expect(() => parseAmalgamateArgs(['--seed', '1'])).toThrow(/config\.preset is required/);
    expect(() => parseAmalgamateArgs(['--preset', 'magic'])).toThrow(/--preset magic: config\.preset must be one of/);
  });
});
