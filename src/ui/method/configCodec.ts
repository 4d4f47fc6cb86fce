import { ConfigError, defaultConfig, type RunConfig } from '../../core/method/config';
import { validateConfig } from '../../core/method/validateConfig';
import { errorMessage } from '../../protocol/errors';

/** A config read from outside (a link, a file): the config, or why it was refused. */
export type DecodedConfig = { ok: true; config: RunConfig } | { ok: false; problem: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Only what differs from the defaults, so a shared link stays short and readable. */
export function configDifferences(config: RunConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    const base = defaultConfig[key as keyof RunConfig];
    if (key === 'weights') {
      const changed = Object.entries(config.weights).filter(([w, v]) => v !== defaultConfig.weights[w as keyof RunConfig['weights']]);
      if (changed.length) out.weights = Object.fromEntries(changed);
    } else if (JSON.stringify(value) !== JSON.stringify(base)) out[key] = value;
  }
  return out;
}

/** Defaults, then the given fields, checked by validateConfig (which also fills loss weights left out). */
export function configFromFields(fields: unknown): DecodedConfig {
  if (!isObject(fields)) return { ok: false, problem: 'the config must be a JSON object' };
  try {
    return { ok: true, config: validateConfig({ ...defaultConfig, ...fields }) };
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

/** The config a location hash carries; null when it carries none. */
export function decodeConfigHash(hash: string): DecodedConfig | null {
  const text = new URLSearchParams(hash.replace(/^#/, '')).get(HASH_KEY);
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
  // A run record (kind 'cka-studio-run' from the CLI, 'cka-studio-browser-run' from the studio) holds its config.
  const isRecord = isObject(value) && typeof value.kind === 'string' && value.kind.startsWith('cka-studio');
  return configFromFields(isRecord && isObject(value) ? value.config : value);
}
