import { describe, expect, it } from 'vitest';
import type { TeacherMetadata } from '../../core/teachers/teacherMetadata';
import type { ScalingCheck } from '../../core/teachers/inputScaling';
import { accuracyText, architectureText, candidateText, formatAccuracy, inputText, labelsText, loadedText, scalingSourceText, scalingText } from './teacherText';

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

describe('input scaling wording', () => {
  const check: ScalingCheck = {
    samples: 256,
    proposed: 'symmetric',
    candidates: [
      { id: 'unit', label: '[0, 1]', mean: 0, std: 1, confidence: 0.4, variety: 0.1, saturation: 0, score: 0.04 },
      { id: 'symmetric', label: '[−1, 1]', mean: 0.5, std: 0.5, confidence: 0.97, variety: 0.99, saturation: 0.1, score: 0.96 },
    ],
  };
  const input = (mean: number, std: number) => ({ height: 32, width: 32, channels: 3 as const, mean, std });

  it('names the range, and where it came from', () => {
    expect(scalingText({ mean: 0, std: 1 / 255 })).toBe('[0, 255]');
    expect(scalingText({ mean: 0.1307, std: 0.3081 })).toBe('mean/std (0.131 ± 0.308)');
    expect(scalingSourceText(input(0.5, 0.5), null)).toBe('[−1, 1] (from its metadata)');
    expect(scalingSourceText(input(0.5, 0.5), check)).toBe('[−1, 1] (proposed by the check on 256 transfer images)');
    expect(scalingSourceText(input(0, 1), check)).toBe('[0, 1] (chosen; the check proposed [−1, 1])');
    expect(candidateText(check.candidates[1])).toBe('[−1, 1]: confidence 97 %, variety 99 %');
  });
});
