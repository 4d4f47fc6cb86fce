import { describe, expect, it } from 'vitest';
import { presetNames } from '../../core/method/config';
import { optionHelp, optionsOf } from './configOptions';

describe('optionsOf', () => {
  it('lists what validateConfig accepts', () => {
    expect(optionsOf('preset')).toEqual([...presetNames, 'custom']);
    expect(optionsOf('taskMode')).toEqual(['joint', 'multi-head']);
    expect(optionsOf('optimizer')).toEqual(['adam', 'sgd']);
  });
});

describe('optionHelp', () => {
  it('has one line for every target builder and none for fields without per-option lines', () => {
    for (const builder of optionsOf('targetBuilder')) expect(optionHelp('targetBuilder', builder)).toMatch(/\w.*\.$/);
    expect(optionHelp('targetBuilder', 'cluster')).toContain('cluster');
    expect(optionHelp('taskMode', 'joint')).toBeNull();
  });

  it('has one line for every student trunk', () => {
    for (const trunk of optionsOf('studentTrunk')) expect(optionHelp('studentTrunk', trunk)).toMatch(/\w.*\.$/);
    expect(optionHelp('studentTrunk', 'teacher-frozen')).toContain('inference mode');
  });
});
