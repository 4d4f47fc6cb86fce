import { describe, expect, it } from 'vitest';
import { presetNames } from '../../core/method/config';
import { presetOptionText, presetText, presetTitle } from './methodFields';

describe('preset names', () => {
  it('gives every preset a human name and a line, the id kept beside the name', () => {
    for (const id of [...presetNames, 'custom' as const]) {
      expect(presetTitle[id], id).toBeTruthy();
      expect(presetText[id], id).toBeTruthy();
      expect(presetOptionText(id)).toBe(`${presetTitle[id]} · ${id}`);
    }
    expect(presetOptionText('cka-no-intra')).toBe('CKA without intra-model contrast · cka-no-intra');
  });

  it('never shows a raw id as the name', () => {
    for (const id of presetNames) expect(presetTitle[id]).not.toBe(id);
  });
});
