import { defaultConfig, type RunConfig } from '../../src/core/method/config';
import { resolveConfig } from '../../src/core/method/resolveConfig';

/**
 * Setting (a) as the studio opens: the schema's default config (preset cka, teachers
 * mnist-0-4 + mnist-5-9, data mnist, joint, every transfer image for three epochs, batch 64,
 * seed 1), which is also the cka preset's chosen budget (docs/results.md). Time-to-student is
 * measured on it in the CLI and the browser alike. Free of tfjs, so the browser spec can read it.
 */
export function settingA(transferLimit = 0): RunConfig {
  return resolveConfig({ config: { ...defaultConfig, transferLimit } });
}
