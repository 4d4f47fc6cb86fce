import { describe, expect, it } from 'vitest';
import { measuredStepTime, type StepTimeMeasurement } from './studentSpeed';
import { studentStepTimes } from './studentStepTimes';

describe('measuredStepTime', () => {
  const row = { arch: 'resnet' as const, side: 32, channels: 3, width: 32, classes: 10, batch: 64, wallMs: 800, cpuMs: 265 };
  const table: StepTimeMeasurement = { ...studentStepTimes, rows: [row] };

  it('finds the row of exactly that architecture, side, channels and width, whatever the head', () => {
    expect(measuredStepTime(table, { arch: 'resnet', side: 32, channels: 3, width: 32 })).toBe(row);
  });

  it('gives none for any other shape: no figure is scaled from another', () => {
    for (const other of [{ arch: 'small-cnn' as const }, { side: 64 }, { channels: 1 }, { width: 16 }]) {
      expect(measuredStepTime(table, { arch: 'resnet', side: 32, channels: 3, width: 32, ...other })).toBeNull();
    }
  });

  it('the committed table says where it was measured and holds positive figures', () => {
    expect(studentStepTimes.command).toMatch(/student-speed/);
    expect(studentStepTimes.rows.length).toBeGreaterThanOrEqual(6);
    for (const r of studentStepTimes.rows) expect(r.cpuMs > 0 && r.wallMs > 0 && r.batch === 64).toBe(true);
  });
});
