import type { DroppedModelFiles } from './droppedFiles';

/** Names tfjs and Keras give a model nobody named: no better than "model". */
const AUTOMATIC = /^(sequential|model|functional|graph|tm|student)([_-]?\d+)?$/i;

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim().length > 0 ? v.trim() : null);

/** The name in model.json's Keras topology (model_config.config.name or config.name), if a person chose it. */
function topologyName(modelJson: string): string | null {
  try {
    const json = JSON.parse(modelJson) as { modelTopology?: { model_config?: { config?: { name?: unknown } }; config?: { name?: unknown } } };
    const topology = json.modelTopology;
    const name = text(topology?.model_config?.config?.name) ?? text(topology?.config?.name);
    return name && !AUTOMATIC.test(name) ? name : null;
  } catch {
    return null;
  }
}

/**
 * What a dropped model is called on its card: the title or id in our metadata.json, a
 * Teachable Machine export's modelName, the name inside model.json, or the folder it came
 * in; "model" only when none of these exists. Loose files are never named after "model.json".
 */
export function droppedModelName(matched: DroppedModelFiles, dropName: string): string {
  const metadata = matched.metadata ?? {};
  const folder = /\.(json|bin)$/i.test(dropName) ? null : text(dropName);
  return text(metadata.title) ?? text(metadata.id) ?? text(metadata.modelName) ?? topologyName(matched.files.modelJson) ?? folder ?? 'model';
}

/** A short id for the name: letters, digits, '.', '_' and '-', at most 40 of them. */
export function shortSlug(name: string): string {
  const slug = name
    .replace(/\.json$/i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'model';
}
