import { describe, expect, it } from 'vitest';
import { presetNames } from '../../core/method/config';
import { optionsOf } from './configOptions';

describe('optionsOf', () => {
  it('lists what validateConfig accepts', () => {
    expect(optionsOf('preset')).toEqual([...presetNames, 'custom']);
    expect(optionsOf('taskMode')).toEqual(['joint', 'multi-head']);
    expect(optionsOf('optimizer')).toEqual(['adam', 'sgd']);
  });
});
