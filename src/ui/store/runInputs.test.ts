import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../core/method/config';
import { configFromJson, configToJson, decodeConfigHash, encodeConfigHash } from '../method/configCodec';
import { chosenTransfer, pickedTeachers, withRunInputs } from './runInputs';
import { createStudioStore } from './studioStore';

describe('the config a link or a file shares', () => {
  // Issue 14 item 4: the link said '#config={}' and the file the default teachers whatever was picked.
  it('carries the teachers and data picked in their panels, not the draft\'s defaults', () => {
    const store = createStudioStore();
    store.setState({ pickedTeacherIds: ['fashion-0-4', 'fashion-5-9'], transfer: 'fashion-mnist' });
    const state = store.getState();
    expect(state.draft.teachers).toEqual(defaultConfig.teachers); // the draft alone would share the wrong ones
    const shared = withRunInputs(state.draft, pickedTeachers(state), chosenTransfer(state));
    const hash = encodeConfigHash(shared);
    expect(hash).not.toBe('#config=%7B%7D');
    expect(decodeConfigHash(hash)).toEqual({ ok: true, config: { ...defaultConfig, teachers: ['fashion-0-4', 'fashion-5-9'], data: 'fashion-mnist' } });
    expect(configFromJson(configToJson(shared))).toEqual({ ok: true, config: shared });
    // What is shared is what would run.
    expect(shared).toEqual(state.runConfig());
  });

  it('does not keep a reference to the panel\'s list', () => {
    const picked = ['mnist-0-4'];
    const shared = withRunInputs(defaultConfig, picked, 'mnist');
    picked.push('mnist-5-9');
    expect(shared.teachers).toEqual(['mnist-0-4']);
  });
});
