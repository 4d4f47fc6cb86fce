import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLabelledImages } from '../../src/core/data/labelledImages';
import { dataRoot, readDataFileFromDisk } from '../../src/node/dataFiles';
import { baseOf } from './emojiCatalogue';

/** The prepared files themselves (`npm run data`; missing files fail the test). */
describe('prepared emoji data set', () => {
  it('has 32x32 RGB images with labels and vendors, and no base emoji in both splits', async () => {
    const [train, test] = await Promise.all([loadLabelledImages('emoji', 'train', readDataFileFromDisk), loadLabelledImages('emoji', 'test', readDataFileFromDisk)]);
    expect([train.height, train.width, train.channels]).toEqual([32, 32, 3]);
    expect(train.count).toBeGreaterThan(800);
    expect(test.count).toBeGreaterThan(250);
    for (const set of [train, test]) expect(new Set(set.styles).size).toBe(2);
    const manifest = JSON.parse(readFileSync(path.join(dataRoot, 'emoji', 'manifest.json'), 'utf8')) as { train: string[]; test: string[] };
    expect([manifest.train.length, manifest.test.length]).toEqual([train.count, test.count]);
    const trainBases = new Set(manifest.train.map((entry) => baseOf(entry.split(':')[1])));
    expect(manifest.test.filter((entry) => trainBases.has(baseOf(entry.split(':')[1])))).toEqual([]);
  });
});
