import { ConfigError, defaultConfig, type LossWeights, type PresetName, type RunConfig } from '../../core/method/config';
import { valueAt } from '../../core/method/config/fieldPaths';
import { mergeConfig, presetOwnedFields, resolveConfig } from '../../core/method/resolveConfig';
import type { NumberField } from '../method/configLimits';
import { adoptRunInputs, chosenTransfer, pickedTeachers, withRunInputs } from './runInputs';
import type { StudioSlice } from './slice';

/** Fields the form edits directly (weights have their own action). */
export type DraftField = Exclude<keyof RunConfig, 'weights' | 'preset'>;

/** The value of a numeric field of a config, loss weights included. */
export function numberValue(config: RunConfig, field: NumberField): number {
  return valueAt(config, field) as number;
}

/** The preset's own fields over the draft's run fields, as the CLI's --preset does; not validated while the user types. */
const withPreset = (draft: RunConfig, name: PresetName): RunConfig => mergeConfig({ preset: name, config: draft }) as unknown as RunConfig;

/** The run configuration being edited: preset, hyper-parameters, seed. */
export interface MethodSlice {
  /** May hold values validateConfig refuses while the user types; runConfig() checks. */
  draft: RunConfig;
  choosePreset(name: PresetName): void;
  setField<K extends DraftField>(field: K, value: RunConfig[K]): void;
  setWeight(name: keyof LossWeights, value: number): void;
  /** Any numeric field, loss weights ('weights.kd', ...) included. */
  setNumber(field: NumberField, value: number): void;
  /** Replaces the draft with a checked config (from a link or a file); its teachers and data are picked too. */
  replaceDraft(config: RunConfig): void;
  /** The config to run: the draft with the picked teachers and data, validated (throws ConfigError). */
  runConfig(): RunConfig;
  /**
   * Inputs whose typed text is not a value they take, by input, in words that quote the text.
   * The draft keeps the last good value, so Start must refuse while any is here rather than
   * run with a number the user no longer sees.
   */
  inputProblems: Readonly<Record<string, string>>;
  setInputProblem(input: string, problem: string | null): void;
}

export const createMethodSlice: StudioSlice<MethodSlice> = (set, get) => ({
  draft: defaultConfig,
  choosePreset: (name) => set((s) => ({ draft: withPreset(s.draft, name) })),
  setField: (field, value) =>
    set((s) => ({ draft: { ...s.draft, [field]: value, preset: presetOwnedFields.has(field) ? 'custom' : s.draft.preset } })),
  setWeight: (name, value) => set((s) => ({ draft: { ...s.draft, preset: 'custom', weights: { ...s.draft.weights, [name]: value } } })),
  setNumber: (field, value) =>
    field.startsWith('weights.') ? get().setWeight(field.slice('weights.'.length) as keyof LossWeights, value) : get().setField(field as DraftField, value),
  replaceDraft: (config) => {
    set({ draft: config });
    adoptRunInputs(get(), config);
  },
  inputProblems: {},
  setInputProblem: (input, problem) =>
    set((s) => {
      if ((s.inputProblems[input] ?? null) === problem) return {};
      const { [input]: _gone, ...rest } = s.inputProblems;
      return { inputProblems: problem === null ? rest : { ...rest, [input]: problem } };
    }),
  runConfig: () => {
    const state = get();
    const teachers = pickedTeachers(state);
    if (teachers.length === 0) throw new ConfigError('teachers', 'is empty: pick at least one teacher in the Teachers panel');
    return resolveConfig({ config: withRunInputs(state.draft, teachers, chosenTransfer(state)) });
  },
});
