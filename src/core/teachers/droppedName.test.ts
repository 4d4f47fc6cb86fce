import { describe, expect, it } from 'vitest';
import type { DroppedModelFiles } from './droppedFiles';
import { droppedModelName, shortSlug } from './droppedName';

const matched = (name: string | undefined, metadata: Record<string, unknown> | null = null): DroppedModelFiles => ({
  files: { name: 'model.json', modelJson: JSON.stringify({ modelTopology: { class_name: 'Sequential', config: name === undefined ? {} : { name } } }), readWeights: async () => undefined },
  metadata,
  ignored: [],
});

describe('droppedModelName', () => {
  it("takes the model.json name a person chose, not the file's name", () => {
    expect(droppedModelName(matched('odd_digits_teacher'), 'model.json')).toBe('odd_digits_teacher');
  });
  it('passes over automatic names to the folder, then to "model"', () => {
    expect(droppedModelName(matched('sequential_3'), 'my-digits')).toBe('my-digits');
    expect(droppedModelName(matched('model'), 'model.json')).toBe('model');
    expect(droppedModelName(matched(undefined), 'weights.bin')).toBe('model');
  });
  it("prefers metadata: our title, then a Teachable Machine export's modelName", () => {
    expect(droppedModelName(matched('x', { id: 'mnist-0-4', title: 'MNIST 0–4' }), 'model.json')).toBe('MNIST 0–4');
    expect(droppedModelName(matched('tm', { modelName: 'my-pets' }), 'model.json')).toBe('my-pets');
  });
  it('reads a Keras functional topology (model_config) too', () => {
    const m = matched(undefined);
    m.files.modelJson = JSON.stringify({ modelTopology: { model_config: { config: { name: 'embedder' } } } });
    expect(droppedModelName(m, 'model.json')).toBe('embedder');
  });
});

describe('shortSlug', () => {
  it('keeps ids short and plain', () => {
    expect(shortSlug('MNIST 0–4')).toBe('MNIST-0-4');
    expect(shortSlug('a'.repeat(60))).toHaveLength(40);
    expect(shortSlug('???')).toBe('model');
  });
});
