import { describe, expect, it } from 'vitest';
import type { TeacherMetadata } from '../../core/teachers/teacherMetadata';
import { accuracyText, architectureText, formatAccuracy, inputText, labelsText, loadedText } from './teacherText';

const metadata: TeacherMetadata = {
  id: 't',
  title: 'T',
  labels: ['Sandal', 'Shirt'],
  input: { height: 32, width: 32, channels: 1, mean: 0, std: 1 },
  featureLayer: 'features',
  featureSize: 84,
  provenance: {
    dataSet: 'fashion-mnist',
    classes: [5, 6],
    testAccuracy: 0.99416,
    testSamples: 5139,
    architecture: 'lenet5 (LeNet-5)',
    parameters: 61281,
    seed: 1,
    epochs: 1,
    trainSeconds: 1,
    backend: 'wasm',
  },
};

describe('teacher card text', () => {
  it('formats the facts', () => {
    expect(formatAccuracy(0.99416)).toBe('99.42 %');
    expect(formatAccuracy(1)).toBe('100.00 %');
    expect(accuracyText(metadata)).toBe('99.42 % on 5,139 test images');
    expect(inputText(metadata.input)).toBe('32 × 32 × 1');
    expect(labelsText(metadata)).toBe('Sandal, Shirt');
    expect(architectureText(metadata)).toBe('lenet5 (LeNet-5)');
    expect(loadedText(61281, 84.6, true)).toBe('In the worker: 61,281 parameters (loaded in 85 ms)');
    expect(loadedText(61281, 0, false)).toBe('In the worker: 61,281 parameters (already loaded)');
  });

  it('says so when a dropped model has no provenance', () => {
    const bare = { ...metadata, provenance: undefined };
    expect(accuracyText(bare)).toBe('not recorded');
    expect(architectureText(bare)).toBe('not recorded');
  });
});
