import { describe, expect, it } from 'vitest';
import { configFromPreset, type ConfigOverrides } from '../core/method/resolveConfig';
import type { PresetName } from '../core/method/config';
import { formatStat, groupRuns, parseRunRecord, RunRecordError, summarise, variantKey, type StoredRunRecord } from './runRecords';

/** A hand-made record: only what the table reads is filled with meaning. */
function record(preset: PresetName, seed: number, joint: number, student = [joint, joint], overrides: ConfigOverrides = {}): StoredRunRecord {
  const cohesion = { silhouette: joint - 0.8, intraClassDistance: 0.2, interCentroidDistance: 0.6, ratio: 0.33, classes: 10 };
  const final = {
    samples: 10000,
    jointAccuracy: joint,
    perTeacher: ['mnist-0-4', 'mnist-5-9'].map((id, k) => ({ id, classes: [], samples: 5000, student: student[k], teacher: 0.99 })),
    perClass: [],
    confusion: [],
    cohesion: { trueLabels: cohesion, pseudoLabels: cohesion },
  };
  return {
    kind: 'cka-studio-run',
    version: 1,
    config: configFromPreset(preset, { seed, transferLimit: 3200, ...overrides }),
    backend: 'wasm',
    startedAt: '2025-01-01T00:00:00.000Z',
    teachers: [{ id: 'mnist-0-4', labels: [], testAccuracy: 0.99 }, { id: 'mnist-5-9', labels: [], testAccuracy: 0.99 }],
    union: [],
    transferImages: 3200,
    epochs: [{ epoch: 1, seconds: 1, meanTotal: 1, meanTerms: {} as never, evaluation: final }],
    final,
    untrained: final,
    wallSeconds: 10,
    medianStepMs: 100 + seed,
    imagesPerSecond: 640,
  };
}

const roundTrip = (r: unknown) => parseRunRecord(JSON.parse(JSON.stringify(r)));

describe('run record statistics', () => {
  it('mean and sample std in percent', () => {
    const s = summarise([0.9, 0.92, 0.94]);
    const mean = (0.9 + 0.92 + 0.94) / 3;
    const std = Math.sqrt(((0.9 - mean) ** 2 + (0.92 - mean) ** 2 + (0.94 - mean) ** 2) / 2);
    expect(s.n).toBe(3);
    expect(s.mean).toBeCloseTo(mean, 12);
    expect(s.std).toBeCloseTo(std, 12);
    expect(formatStat(s)).toBe('92.00 ± 2.00');
  });

  it('one value has no spread and undefined metrics are left out', () => {
    expect(formatStat(summarise([0.5]))).toBe('50.00');
    expect(summarise([0.5, null, NaN]).n).toBe(1);
    expect(formatStat(summarise([]))).toBe('—');
  });
});

describe('grouping run records', () => {
  const runs = [
    record('cka', 1, 0.9, [0.95, 0.85]),
    record('kd', 1, 0.8),
    record('cka', 2, 0.92, [0.97, 0.87]),
    record('cka', 3, 0.94, [0.99, 0.89]),
    record('kd', 2, 0.82),
    record('cka', 1, 0.5, undefined, { weights: { intra: 0.5 } }),
  ].map(roundTrip);

  it('splits by preset and by a differing weight, seeds averaged, kd before cka', () => {
    const groups = groupRuns(runs);
    expect(groups.map((g) => [g.key.preset, g.key.variant, g.runs.length])).toEqual([
      ['kd', '', 2],
      ['cka', '', 3],
      ['cka', 'w.intra=0.5', 1],
    ]);
    const cka = groups[1];
    expect(cka.seeds).toEqual([1, 2, 3]);
    expect(formatStat(cka.joint)).toBe('92.00 ± 2.00');
    expect(cka.perTeacher.map((t) => [t.id, formatStat(t.student), formatStat(t.teacher)])).toEqual([
      ['mnist-0-4', '97.00 ± 2.00', '99.00 ± 0.00'],
      ['mnist-5-9', '87.00 ± 2.00', '99.00 ± 0.00'],
    ]);
    expect(formatStat(cka.silhouetteTrue, 1, 3)).toBe('0.120 ± 0.020');
    expect(cka.medianStepMs).toBe(102);
    expect(formatStat(groups[0].joint)).toBe(`81.00 ± ${(Math.SQRT2).toFixed(2)}`);
  });

  it('a coarser grouping merges rows and shows mixed keys', () => {
    const [all] = groupRuns(runs, ['data']);
    expect(all.runs.length).toBe(6);
    expect(all.key.preset).toBe('cka | kd');
  });

  it('a variant names only what departs from the preset', () => {
    expect(variantKey(configFromPreset('cfl', { seed: 7, epochs: 3 }))).toBe('');
    expect(variantKey(configFromPreset('cka', { tau: 0.3, learningRate: 0.003 }))).toBe('tau=0.3, learningRate=0.003');
  });
});

describe('run record validation', () => {
  const good = JSON.parse(JSON.stringify(record('cka', 1, 0.9)));

  it('accepts a record and a NaN silhouette written as null', () => {
    const withNull = structuredClone(good);
    withNull.final.cohesion.pseudoLabels.silhouette = null;
    expect(parseRunRecord(withNull).config.seed).toBe(1);
  });

  it.each([
    ['not a run record', { hello: 1 }, 'record.kind'],
    ['accuracy above 1', { ...good, final: { ...good.final, jointAccuracy: 92 } }, 'record.final.jointAccuracy'],
    ['missing per-teacher accuracy', { ...good, final: { ...good.final, perTeacher: [{ id: 'x' }] } }, 'record.final.perTeacher[0]'],
    ['an invalid config', { ...good, config: { ...good.config, epochs: 0 } }, 'record.config'],
    ['no epochs', { ...good, epochs: [] }, 'record.epochs'],
  ])('refuses %s', (_, bad, where) => {
    expect(() => parseRunRecord(bad)).toThrow(RunRecordError);
    expect(() => parseRunRecord(bad)).toThrow(where);
  });
});

describe('variantKey ignores fields no active term reads', () => {
  it('a KD run with another tau is not a variant; a CKA run with another tau is', () => {
    expect(variantKey(configFromPreset('kd', { tau: 0.05, tauAlign: 0.05 }))).toBe('');
    expect(variantKey(configFromPreset('cka', { tau: 0.05 }))).toBe('tau=0.05');
    expect(variantKey(configFromPreset('cka-no-align', { tauAlign: 0.05 }))).toBe('');
  });
});
