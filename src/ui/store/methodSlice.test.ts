import { describe, expect, it } from 'vitest';
import { ConfigError, defaultConfig } from '../../core/method/config';
import { configFromPreset } from '../../core/method/resolveConfig';
import { createStudioStore } from './studioStore';

describe('method slice', () => {
  it('choosing a preset gives what configFromPreset gives, keeping run fields', () => {
    const store = createStudioStore();
    store.getState().setField('seed', 4);
    store.getState().setField('epochs', 2);
    for (const name of ['cfl', 'kd', 'oracle', 'cka-no-align', 'cka'] as const) {
      store.getState().choosePreset(name);
      expect(store.getState().draft).toEqual(configFromPreset(name, { seed: 4, epochs: 2 }));
    }
  });

  it('editing a field a preset sets makes the config custom; a run field does not', () => {
    const store = createStudioStore();
    store.getState().setField('seed', 9);
    expect(store.getState().draft.preset).toBe('cka');
    store.getState().setField('temperature', 2);
    expect(store.getState().draft).toMatchObject({ preset: 'custom', temperature: 2, seed: 9 });
    store.getState().choosePreset('cka');
    store.getState().setWeight('inter', 0.5);
    expect(store.getState().draft).toMatchObject({ preset: 'custom', weights: { ...defaultConfig.weights, inter: 0.5 } });
  });

  it('runConfig validates the draft and names the bad field', () => {
    const store = createStudioStore();
    expect(store.getState().runConfig()).toEqual(defaultConfig);
    store.getState().setField('tau', 0);
    expect(() => store.getState().runConfig()).toThrow(ConfigError);
    expect(() => store.getState().runConfig()).toThrow(/^config\.tau must be/);
  });

  it('runConfig takes the teachers picked and the data chosen in the other panels', () => {
    const store = createStudioStore();
    store.setState({ pickedTeacherIds: ['fashion-0-4', 'fashion-5-9'], transfer: 'fashion-mnist' });
    expect(store.getState().runConfig()).toMatchObject({ teachers: ['fashion-0-4', 'fashion-5-9'], data: 'fashion-mnist' });
    store.setState({ pickedTeacherIds: [] });
    expect(() => store.getState().runConfig()).toThrow(/pick at least one teacher/);
  });

  it('a loaded config picks its teachers and data in the panels that own them', () => {
    const store = createStudioStore();
    store.getState().replaceDraft(configFromPreset('kd', { teachers: ['mnist-5-9', 'mnist-0-3'], data: 'mnist+fashion-mnist', seed: 3 }));
    expect(store.getState().pickedTeacherIds).toEqual(['mnist-5-9', 'mnist-0-3']);
    expect(store.getState().transfer).toBe('mnist+fashion-mnist');
    expect(store.getState().runConfig()).toEqual(configFromPreset('kd', { teachers: ['mnist-5-9', 'mnist-0-3'], data: 'mnist+fashion-mnist', seed: 3 }));
  });
});

describe('setNumber / numberValue', () => {
  it('reach top-level fields and loss weights alike', async () => {
    const { numberValue } = await import('./methodSlice');
    const store = createStudioStore();
    store.getState().setNumber('weights.align', 2);
    store.getState().setNumber('batchSize', 32);
    const { draft } = store.getState();
    expect(numberValue(draft, 'weights.align')).toBe(2);
    expect(numberValue(draft, 'batchSize')).toBe(32);
    expect(draft.weights.align).toBe(2);
  });
});
