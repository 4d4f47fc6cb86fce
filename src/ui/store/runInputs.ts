import type { RunConfig } from '../../core/method/config';
import type { StudioState } from './studioStore';

/** The teachers picked in the Teachers panel (teachers slice), in the order picked. */
export const pickedTeachers = (state: StudioState): string[] => state.pickedTeacherIds;

/** The transfer data chosen in the Data panel (data slice). */
export const chosenTransfer = (state: StudioState): RunConfig['data'] => state.transfer;

/** Puts a loaded config's teachers and data into the panels that own them. */
export function adoptRunInputs(state: StudioState, config: RunConfig): void {
  for (const id of state.pickedTeacherIds) if (!config.teachers.includes(id)) state.setTeacherPicked(id, false);
  for (const id of config.teachers) state.setTeacherPicked(id, true);
  state.setTransfer(config.data);
}

/** A config with the picked teachers and chosen data in place of its own: what runs, and what is shared. */
export const withRunInputs = (config: RunConfig, teachers: string[], data: RunConfig['data']): RunConfig => ({ ...config, teachers: [...teachers], data });
