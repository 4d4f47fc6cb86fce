import { ConfigError, defaultConfig, type RunConfig } from '../../core/method/config';
import { mergeConfig, resolveConfig } from '../../core/method/resolveConfig';
import { errorMessage } from '../../protocol/errors';

/** A config read from outside (a link, a file): the config, or why it was refused. */
export type DecodedConfig = { ok: true; config: RunConfig } | { ok: false; problem: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Only what differs from the config's preset (the preset name itself when it is not the
 * default), so a shared link stays short; the resolver lays it back over that preset.
 */
export function configDifferences(config: RunConfig): Record<string, unknown> {
  const base = mergeConfig({ preset: config.preset }) as unknown as RunConfig;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key === 'weights') {
      const changed = Object.entries(config.weights).filter(([w, v]) => v !== base.weights[w as keyof RunConfig['weights']]);
      if (changed.length) out.weights = Object.fromEntries(changed);
    } else if (key === 'preset' ? value !== defaultConfig.preset : !same(value, base[key as keyof RunConfig])) out[key] = value;
  }
  return out;
}

/** A config (whole or in part) or a run record, through the core's resolver. */
export function configFromFields(fields: unknown): DecodedConfig {
  if (!isObject(fields)) return { ok: false, problem: 'the config must be a JSON object' };
  try {
    return { ok: true, config: resolveConfig({ config: fields }) };
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, problem: error.message };
    throw error;
  }
}

const HASH_KEY = 'config';

/** '#config=<json>' for the address bar. */
export function encodeConfigHash(config: RunConfig): string {
  return `#${HASH_KEY}=${encodeURIComponent(JSON.stringify(configDifferences(config)))}`;
}

/** The config JSON a location hash carries, unparsed; null when it carries none. */
export const configTextOfHash = (hash: string): string | null => new URLSearchParams(hash.replace(/^#/, '')).get(HASH_KEY);

/** The config a location hash carries; null when it carries none. */
export function decodeConfigHash(hash: string): DecodedConfig | null {
  const text = configTextOfHash(hash);
  if (text === null) return null;
  let fields: unknown;
  try {
    fields = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'the link\'s config is not valid JSON (was it cut short?)' };
  }
  return configFromFields(fields);
}

/** The JSON file a user downloads: every field, so it documents the run on its own. */
export const configToJson = (config: RunConfig): string => `${JSON.stringify(config, null, 2)}\n`;

/** A config file, or a run record (the CLI's or the studio's): both carry the run's config. */
export function configFromJson(text: string): DecodedConfig {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `not JSON: ${errorMessage(error)}` };
  }
  return configFromFields(value);
}
