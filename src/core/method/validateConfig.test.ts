import { describe, expect, it } from 'vitest';
import { ConfigError, defaultConfig, presetNames, presets, type LossWeights, type RunConfig } from './config';
import { configFromPreset } from './resolveConfig';
import { validateConfig } from './validateConfig';

const contrastive = ['intra', 'inter', 'align'] as const;
const cflTerms = ['cflMmd', 'cflReconstruction'] as const;

/** Runs `make` and returns the ConfigError it throws (fails the test if it throws nothing else). */
function configError(make: () => unknown): ConfigError {
  let caught: unknown;
  try {
    make();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected a ConfigError').toBeInstanceOf(ConfigError);
  return caught as ConfigError;
}

const activeWeights = (w: LossWeights) => (Object.keys(w) as (keyof LossWeights)[]).filter((n) => w[n] > 0).sort();

describe('presets', () => {
  it.each(presetNames)('%s resolves through configFromPreset and re-validates unchanged', (name) => {
    const config = configFromPreset(name);
    expect(config.preset).toBe(name);
    // A resolved config is a fixed point of the validator (what a saved run record relies on).
    expect(validateConfig(config)).toEqual(config);
    // Every field is present and nothing else is.
    expect(Object.keys(config).sort()).toEqual(Object.keys(defaultConfig).sort());
    expect(Object.keys(config.weights).sort()).toEqual(Object.keys(defaultConfig.weights).sort());
  });

  it('kd has only the kd weight and is unsupervised', () => {
    const c = configFromPreset('kd');
    expect(activeWeights(c.weights)).toEqual(['kd']);
    expect(c.weights.kd).toBe(1);
    expect(c.supervised).toBe(false);
  });

  it('cfl uses the concat combiner, T = 1, kd plus its MMD and reconstruction weights (10 x (MMD + 1 x rec))', () => {
    const c = configFromPreset('cfl');
    expect(c.combiner).toBe('concat');
    expect(c.temperature).toBe(1);
    expect(activeWeights(c.weights)).toEqual(['cflMmd', 'cflReconstruction', 'kd']);
    expect(c.weights).toMatchObject({ kd: 1, cflMmd: 10, cflReconstruction: 10 });
    for (const n of contrastive) expect(c.weights[n]).toBe(0);
    expect(c.supervised).toBe(false);
  });

  it('cka uses kd and all three contrastive terms, no CFL terms, unsupervised', () => {
    const c = configFromPreset('cka');
    expect(c.weights.kd).toBeGreaterThan(0);
    for (const n of contrastive) expect(c.weights[n]).toBeGreaterThan(0);
    for (const n of cflTerms) expect(c.weights[n]).toBe(0);
    expect(c.supervised).toBe(false);
    expect(c.weights).toEqual(defaultConfig.weights);
  });

  it.each([
    ['cka-no-intra', 'intra'],
    ['cka-no-inter', 'inter'],
    ['cka-no-align', 'align'],
  ] as const)('%s zeroes exactly %s and keeps every other cka weight', (name, dropped) => {
    const full = configFromPreset('cka').weights;
    const c = configFromPreset(name);
    expect(c.weights[dropped]).toBe(0);
    expect(c.weights).toEqual({ ...full, [dropped]: 0 });
    // Exactly one of the three contrastive terms is off.
    expect(contrastive.filter((n) => c.weights[n] === 0)).toEqual([dropped]);
    expect(c.supervised).toBe(false);
    // Everything but the weights matches full CKA.
    const { weights: _w, preset: _p, ...rest } = c;
    const { weights: _fw, preset: _fp, ...fullRest } = configFromPreset('cka');
    expect(rest).toEqual(fullRest);
  });

  it('oracle is supervised and uses none of the teacher terms', () => {
    const c = configFromPreset('oracle');
    expect(c.supervised).toBe(true);
    expect(activeWeights(c.weights)).toEqual([]);
  });

  it('only oracle is supervised', () => {
    expect(presetNames.filter((n) => configFromPreset(n).supervised)).toEqual(['oracle']);
  });

  it('the preset table covers every preset name and nothing else', () => {
    expect(Object.keys(presets).sort()).toEqual([...presetNames].sort());
  });
});

describe('overrides', () => {
  it('apply on top of the preset, field by field', () => {
    const c = configFromPreset('cka', { teachers: ['a', 'b', 'c'], seed: 7, batchSize: 32, taskMode: 'multi-head', combiner: 'confidence', transferLimit: 3200 });
    expect(c).toMatchObject({ preset: 'cka', teachers: ['a', 'b', 'c'], seed: 7, batchSize: 32, taskMode: 'multi-head', combiner: 'confidence', transferLimit: 3200 });
    expect(c.weights).toEqual(configFromPreset('cka').weights);
  });

  it('a weight override changes that weight only and keeps the preset for the others', () => {
    const c = configFromPreset('cka-no-align', { weights: { intra: 0.5 } });
    expect(c.weights).toEqual({ ...configFromPreset('cka-no-align').weights, intra: 0.5 });
    const k = configFromPreset('kd', { weights: { align: 2 } });
    expect(k.weights).toEqual({ kd: 1, teacherKd: 0, intra: 0, inter: 0, align: 2, instanceInter: 0, instanceIntra: 0, cflMmd: 0, cflReconstruction: 0 });
  });

  it('overrides win over preset-set fields (cfl temperature)', () => {
    expect(configFromPreset('cfl', { temperature: 2 }).temperature).toBe(2);
    expect(configFromPreset('cfl').temperature).toBe(1);
  });

  it('the preset name cannot be overridden into a different one', () => {
    expect(configFromPreset('kd', { preset: 'cka' } as never).preset).toBe('kd');
  });

  it('bad overrides are refused by name', () => {
    expect(configError(() => configFromPreset('cka', { learningRate: -1 })).field).toBe('learningRate');
    expect(configError(() => configFromPreset('cka', { weights: { kd: -1 } })).field).toBe('weights.kd');
  });

  it('resolving does not mutate the preset table or the defaults', () => {
    const before = JSON.stringify({ presets, defaultConfig });
    configFromPreset('cka', { weights: { intra: 9 }, teachers: ['x'] });
    configFromPreset('cfl', { temperature: 3 });
    expect(JSON.stringify({ presets, defaultConfig })).toBe(before);
  });
});

describe('validateConfig refuses bad values by field', () => {
  const bad: [string, Record<string, unknown>, string][] = [
    ['bad preset', { preset: 'magic' }, 'preset'],
    ['bad taskMode', { taskMode: 'joined' }, 'taskMode'],
    ['bad combiner', { combiner: 'mean' }, 'combiner'],
    ['bad data', { data: 'cifar' }, 'data'],
    ['bad alignVariant', { alignVariant: 'batch' }, 'alignVariant'],
    ['bad optimizer', { optimizer: 'rmsprop' }, 'optimizer'],
    ['negative learning rate', { learningRate: -0.001 }, 'learningRate'],
    ['zero learning rate', { learningRate: 0 }, 'learningRate'],
    ['learning rate as a string', { learningRate: '0.001' }, 'learningRate'],
    ['non-integer batch size', { batchSize: 1.5 }, 'batchSize'],
    ['batch size of one', { batchSize: 1 }, 'batchSize'],
    ['non-integer epochs', { epochs: 2.5 }, 'epochs'],
    ['zero epochs', { epochs: 0 }, 'epochs'],
    ['NaN temperature', { temperature: Number.NaN }, 'temperature'],
    ['infinite tau', { tau: Number.POSITIVE_INFINITY }, 'tau'],
    ['negative transfer limit', { transferLimit: -1 }, 'transferLimit'],
    ['non-integer student width', { studentWidth: 8.5 }, 'studentWidth'],
    ['non-integer projection size', { projectionSize: 63.5 }, 'projectionSize'],
    ['negative seed', { seed: -1 }, 'seed'],
    ['supervised as a string', { supervised: 'yes' }, 'supervised'],
    ['unknown field', { learningRat: 0.01 }, 'learningRat'],
    ['unknown weight', { weights: { kd: 1, contrast: 1 } }, 'weights.contrast'],
    ['negative weight', { weights: { align: -0.1 } }, 'weights.align'],
    ['NaN weight', { weights: { intra: Number.NaN } }, 'weights.intra'],
    ['weights not an object', { weights: [1, 2] }, 'weights'],
    ['empty teachers', { teachers: [] }, 'teachers'],
    ['teachers not a list', { teachers: 'mnist-0-4' }, 'teachers'],
    ['empty teacher id', { teachers: ['mnist-0-4', ''] }, 'teachers'],
    ['duplicate teacher', { teachers: ['mnist-0-4', 'mnist-5-9', 'mnist-0-4'] }, 'teachers'],
  ];

  it.each(bad)('%s -> ConfigError on its field', (_label, input, field) => {
    const error = configError(() => validateConfig(input));
    expect(error.field).toBe(field);
    expect(error.message).toContain(`config.${field}`);
    expect(error.name).toBe('ConfigError');
  });

  it('a non-object is refused at the root', () => {
    for (const v of [null, undefined, 3, 'cka', [defaultConfig]]) expect(configError(() => validateConfig(v)).field).toBe('(root)');
  });

  it('the message names the allowed values and the value given', () => {
    const e = configError(() => validateConfig({ taskMode: 'joined' }));
    expect(e.message).toMatch(/joint/);
    expect(e.message).toMatch(/multi-head/);
    expect(e.message).toMatch(/"joined"/);
  });

  // `in` would also see Object.prototype, letting inherited names pass as config fields.
  it('inherited names (constructor, toString, __proto__ from JSON) are refused as unknown fields', () => {
    for (const key of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(configError(() => validateConfig({ [key]: 1 })).field).toBe(key);
    }
    expect(configError(() => validateConfig(JSON.parse('{"__proto__": {"learningRate": 5}}'))).field).toBe('__proto__');
  });
});

describe('validateConfig accepts and fills', () => {
  it('an empty object becomes the defaults', () => {
    expect(validateConfig({})).toEqual(defaultConfig);
  });

  it('every enum value is accepted', () => {
    const options: [keyof RunConfig, unknown[]][] = [
      ['preset', [...presetNames, 'custom']],
      ['taskMode', ['joint', 'multi-head']],
      ['combiner', ['concat', 'confidence']],
      ['data', ['mnist', 'fashion-mnist', 'mnist+fashion-mnist']],
      ['alignVariant', ['sample', 'relational']],
      ['optimizer', ['adam', 'sgd']],
    ];
    for (const [field, values] of options) for (const v of values) expect(validateConfig({ [field]: v })[field]).toBe(v);
  });

  it('missing weights are filled from the defaults, given ones kept', () => {
    expect(validateConfig({ weights: { align: 0.5 } }).weights).toEqual({ ...defaultConfig.weights, align: 0.5 });
  });

  it('bounds are inclusive', () => {
    expect(validateConfig({ batchSize: 2, learningRate: 1, epochs: 1, transferLimit: 0, seed: 0 })).toMatchObject({ batchSize: 2, learningRate: 1 });
  });

  it('returns a fresh object, not the input', () => {
    const input = { teachers: ['a'], weights: { ...defaultConfig.weights } };
    const c = validateConfig(input);
    expect(c).not.toBe(input);
    expect(c.weights).not.toBe(input.weights);
  });
});

describe('validateConfig refuses a run with nothing to learn from', () => {
  it('all weights zero without labels names the weights', () => {
    const error = (() => {
      try {
        configFromPreset('oracle', { supervised: false });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).field).toBe('weights');
  });
});
