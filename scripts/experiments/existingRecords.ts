import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RunConfig } from '../../src/core/method/config';
import { mergeConfig } from '../../src/core/method/resolveConfig';
import { variantKey } from '../../src/node/runRecords';

/** The configs of the run records already in a folder: what an experiment may skip. */
export function recordedConfigs(dir: string): RunConfig[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .flatMap((name) => {
      try {
        const json = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as { kind?: unknown; config?: unknown };
        // Completed as the resolver completes it, so a record made before a field existed reads as it ran.
        return json.kind === 'cka-studio-run' && typeof json.config === 'object' && json.config !== null ? [mergeConfig({ config: json.config }) as unknown as RunConfig] : [];
      } catch {
        return []; // not a record (or half written); the table tool warns about those
      }
    });
}

/**
 * What makes two runs the same run: the table's row (setting, preset, budget, and the variant,
 * which ignores fields no active loss reads, such as tau under KD) and the seed. Records made
 * before a default changed thus still cover the runs they made.
 */
function runKey(config: RunConfig): string {
  const { preset, teachers, data, taskMode, seed, epochs, transferLimit } = config;
  return JSON.stringify([preset, teachers, data, taskMode, seed, epochs, transferLimit, variantKey(config)]);
}

export function isRecorded(config: RunConfig, recorded: RunConfig[]): boolean {
  const key = runKey(config);
  return recorded.some((r) => runKey(r) === key);
}
