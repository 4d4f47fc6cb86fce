import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/core/method/config';
import { settingA } from './settingA';

describe('settingA', () => {
  it('is the config the studio opens with: setting (a), the cka preset over every transfer image for three epochs', () => {
    expect(settingA()).toEqual(defaultConfig);
    expect(settingA()).toMatchObject({ preset: 'cka', teachers: ['mnist-0-4', 'mnist-5-9'], data: 'mnist', taskMode: 'joint', transferLimit: 0, epochs: 3, batchSize: 64 });
  });

  it('changes only the transfer images when asked for a smaller budget', () => {
    expect(settingA(6400)).toEqual({ ...defaultConfig, transferLimit: 6400 });
  });
});
