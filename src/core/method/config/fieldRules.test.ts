import { describe, expect, it } from 'vitest';
import { configFromPreset } from '../resolveConfig';
import { configWarnings, unusedFields } from './fieldRules';

const fields = (c: Parameters<typeof configWarnings>[0]) => configWarnings(c).map((w) => w.field);

describe('configWarnings', () => {
  it('has nothing to say about the presets as shipped', () => {
    for (const preset of ['cka', 'kd', 'cka-no-intra', 'cka-no-align'] as const) expect(fields(configFromPreset(preset))).toEqual([]);
  });

  it('flags a sharp tau, a high learning rate and a zero contrastive weight under cka', () => {
    expect(fields(configFromPreset('cka', { tau: 0.02 }))).toEqual(['tau']);
    expect(fields(configFromPreset('cka', { learningRate: 0.05 }))).toEqual(['learningRate']);
    const w = configWarnings(configFromPreset('cka', { weights: { inter: 0 } }));
    expect(w).toHaveLength(1);
    expect(w[0].text).toContain('inter');
    expect(w[0].text).toContain('cka-no-inter');
  });

  it('flags the oracle, a kd weight of 0 and a tiny transfer set', () => {
    expect(fields(configFromPreset('oracle'))).toEqual(['supervised']);
    expect(fields(configFromPreset('cka', { weights: { kd: 0 } }))).toEqual(['weights.kd']);
    expect(fields(configFromPreset('kd', { transferLimit: 128 }))).toEqual(['transferLimit']);
  });

  it('names the optimizer chosen when the learning rate is high for it', () => {
    const adam = configWarnings(configFromPreset('cka', { learningRate: 0.05 }));
    expect(adam[0].text).toMatch(/high for Adam/);
    // Plain SGD takes smaller steps: what is high for Adam is not for SGD, and the text says SGD.
    expect(fields(configFromPreset('cka', { optimizer: 'sgd', learningRate: 0.05 }))).toEqual([]);
    const sgd = configWarnings(configFromPreset('cka', { optimizer: 'sgd', learningRate: 0.8 }));
    expect(sgd.map((w) => w.field)).toEqual(['learningRate']);
    expect(sgd[0].text).toMatch(/high for SGD/);
    expect(sgd[0].text).not.toMatch(/Adam/);
  });
});

/** Self-refinement is off in every preset, so its settings are never read there; over the default three epochs it could be switched on. */
const refinement = ['refineFromEpoch', 'refineMaxShare', 'refineThreshold'];

describe('unusedFields', () => {
  it('full cka reads every method field but the head combiner, which only multi-head students read, and the refinement settings; a multi-head student has its per-teacher term already', () => {
    expect([...unusedFields(configFromPreset('cka'))]).toEqual(['studentTrunkTeacher', 'combiner', 'refineThreshold', 'refineFromEpoch', 'refineMaxShare']);
    expect([...unusedFields(configFromPreset('cka', { taskMode: 'multi-head' }))]).toEqual(['studentTrunkTeacher', 'targetBuilder', 'ownershipSmoothing', 'weights.teacherKd', 'refine', 'refineThreshold', 'refineFromEpoch', 'refineMaxShare']);
  });

  it('refinement reads its settings once switched on over two epochs or more, and not at one epoch', () => {
    expect([...unusedFields(configFromPreset('cka', { refine: 'student', epochs: 2 }))]).toEqual(['studentTrunkTeacher', 'combiner']);
    expect([...unusedFields(configFromPreset('cka', { refine: 'student', epochs: 1 }))]).toEqual(['studentTrunkTeacher', 'combiner', 'refine', 'refineThreshold', 'refineFromEpoch', 'refineMaxShare']);
  });

  it('a two-view weight makes the contrastive tau read even without the pseudo-label terms', () => {
    expect(unusedFields(configFromPreset('kd')).has('tau')).toBe(true);
    expect(unusedFields(configFromPreset('kd', { weights: { instanceIntra: 1 } })).has('tau')).toBe(false);
  });

  it('kd reads no contrastive temperature, alignment setting, common space or per-teacher weight', () => {
    expect([...unusedFields(configFromPreset('kd'))].sort()).toEqual(['alignVariant', 'combiner', 'ownershipSmoothing', 'projectionSize', ...refinement, 'studentTrunkTeacher', 'tau', 'tauAlign', 'weights.teacherKd'].sort());
  });

  it("a teacher trunk reads its teacher's place and no student architecture", () => {
    for (const studentTrunk of ['teacher-frozen', 'teacher-finetune'] as const) {
      const unused = unusedFields(configFromPreset('cka', { studentTrunk }));
      expect(unused.has('studentArch')).toBe(true);
      expect(unused.has('studentTrunkTeacher')).toBe(false);
    }
    expect(unusedFields(configFromPreset('cka')).has('studentArch')).toBe(false);
  });

  it('the oracle reads no soft-target setting', () => {
    const unused = unusedFields(configFromPreset('oracle'));
    expect(unused.has('temperature')).toBe(true);
    expect(unused.has('combiner')).toBe(true);
    expect(unused.has('targetBuilder')).toBe(true);
  });

  it('cka-no-align leaves the alignment settings unread, and only those', () => {
    expect([...unusedFields(configFromPreset('cka-no-align'))].sort()).toEqual(['alignVariant', 'combiner', ...refinement, 'studentTrunkTeacher', 'tauAlign'].sort());
  });
});
