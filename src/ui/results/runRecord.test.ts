import { describe, expect, it } from 'vitest';
import { configFromPreset } from '../../core/method/resolveConfig';
import { configFromJson } from '../method/configCodec';
import { createStudioStore } from '../store/studioStore';
import { browserRunRecord, runRecordFileName } from './runRecord';

describe('browserRunRecord', () => {
  it('is null before a run, then holds config, progress, evaluations and losses', () => {
    const store = createStudioStore();
    expect(browserRunRecord(store.getState(), 'wasm')).toBeNull();
    const config = configFromPreset('cka', { seed: 3 });
    store.getState().beginRun(config);
    const terms = { kd: 1, teacherKd: 0, intra: 0, inter: 0, align: 0, instanceInter: 0, instanceIntra: 0, cflMmd: 0, cflReconstruction: 0, supervised: 0 };
    store.getState().receiveEvent({ kind: 'training-step', step: { step: 7, totalSteps: 9, epoch: 1, terms, total: 1, imagesPerSecond: 1, etaSeconds: 1 } });
    const evaluation = { step: 7, jointAccuracy: 0.9, perTeacher: [], cohesion: {} as never, confusion: [[1]] };
    store.getState().receiveEvent({ kind: 'training-evaluation', evaluation });
    const record = browserRunRecord(store.getState(), 'wasm', new Date('2026-01-01T00:00:00Z'))!;
    expect(record).toMatchObject({ kind: 'cka-studio-browser-run', backend: 'wasm', step: 7, totalSteps: 9, config, final: evaluation, savedAt: '2026-01-01T00:00:00.000Z' });
    expect(record.losses).toEqual([{ step: 7, total: 1, terms }]);
    expect(runRecordFileName(record)).toBe('cka-run-cka-s3-step7.json');
  });

  it('can be loaded back as a config (the Method panel reads run records)', () => {
    const store = createStudioStore();
    const config = configFromPreset('kd', { seed: 11 });
    store.getState().beginRun(config);
    const text = JSON.stringify(browserRunRecord(store.getState(), null));
    expect(configFromJson(text)).toEqual({ ok: true, config });
  });
});
