import type { Scaling } from './inputScaling';
import { noLabelsMessage } from './labelsMessage';
import { guessFeatureLayer, type ModelStructure } from './modelStructure';
import { TeacherLoadError } from './teacherLoadError';
import { parseTeacherMetadata, type InputSpec, type TeacherMetadata } from './teacherMetadata';

/** What the user gave besides the files: typed labels, a chosen feature layer (or graph node) and input scaling. */
export interface DroppedChoices {
  id: string;
  title: string;
  labels?: string[];
  featureLayer?: string;
  /** How pixels in [0, 1] are scaled for the model; from the metadata, or [0, 1], when absent. */
  scaling?: Scaling;
}

/** What metadata needs to know of a built model, LayersModel or GraphModel alike. */
export interface ModelFacts {
  inputShape: (number | null)[];
  outputCount: number;
  /** Layer names, or the graph's computing nodes: the feature layer is chosen among them. */
  names: string[];
  guessFeature(): string;
  /** Values per image at that layer or node (1 when unknown: the loader names a bad choice). */
  featureSize(name: string): number;
}

type Json = Record<string, unknown>;

/** Teachable Machine image exports feed MobileNet pixels in [-1, 1]: x/127.5 - 1. */
const TM_NORMALISATION = { mean: 0.5, std: 0.5 };

function isTeachableMachine(metadata: Json | null): boolean {
  return metadata !== null && ('tmVersion' in metadata || String(metadata.packageName ?? '').includes('teachablemachine'));
}

const isOurs = (metadata: Json): boolean => 'input' in metadata && 'featureLayer' in metadata;

/** Whether the metadata says how to scale the input (ours, or Teachable Machine's convention); else it must be checked. */
export const metadataGivesScaling = (metadata: Json | null): boolean => metadata !== null && (isOurs(metadata) || isTeachableMachine(metadata));

/** [batch, h, w, 1|3] becomes an input spec; anything else no resize of our images can reach. */
function inputSpecOf(shape: (number | null)[], name: string, tm: boolean): InputSpec {
  const [, height, width, channels] = shape;
  if (shape.length !== 4 || !height || !width || (channels !== 1 && channels !== 3)) {
    throw new TeacherLoadError(
      'input-shape',
      `${name} takes input ${JSON.stringify(shape)}; the studio's images can only be shaped to [batch, height, width, 1 or 3 channels], so no resize reaches it`,
    );
  }
  return { height, width, channels, ...(tm ? TM_NORMALISATION : { mean: 0, std: 1 }) };
}

/** A LayersModel's facts, nested models opened; its feature guess is the last Dense or pooling layer before the output. */
export function layersFacts({ graph, leaves, outputOf }: ModelStructure): ModelFacts {
  const out = graph.outputs[0].shape;
  return {
    inputShape: graph.inputs[0].shape,
    outputCount: out[out.length - 1] ?? 0,
    names: leaves.map((l) => l.name),
    guessFeature: () => guessFeatureLayer(leaves),
    featureSize(name) {
      const output = outputOf(name);
      return output ? output.shape.slice(1).reduce<number>((a, d) => a * (d ?? 1), 1) : 1;
    },
  };
}

/**
 * Metadata for a dropped model: our metadata.json when it came (id replaced), else read off
 * the model, with labels from a Teachable Machine metadata.json or typed by the user.
 */
export function droppedMetadata(facts: ModelFacts, metadata: Json | null, choices: DroppedChoices, name: string): TeacherMetadata {
  if (metadata !== null && isOurs(metadata)) {
    const parsed = parseTeacherMetadata(metadata);
    const featureLayer = choices.featureLayer ?? parsed.featureLayer;
    const input = { ...parsed.input, ...choices.scaling };
    return { ...parsed, id: choices.id, labels: choices.labels ?? parsed.labels, input, featureLayer, featureSize: facts.featureSize(featureLayer) };
  }
  const tmLabels = metadata?.labels;
  const labels = choices.labels ?? (Array.isArray(tmLabels) && tmLabels.every((l) => typeof l === 'string') ? (tmLabels as string[]) : undefined);
  if (!labels || labels.length === 0) throw new TeacherLoadError('no-labels', noLabelsMessage(name, facts.outputCount));
  if (new Set(labels).size !== labels.length) throw new TeacherLoadError('label-count', `${name}: label names must not repeat (${labels.join(', ')})`);
  const input = { ...inputSpecOf(facts.inputShape, name, isTeachableMachine(metadata)), ...choices.scaling };
  const featureLayer = choices.featureLayer ?? facts.guessFeature();
  return { id: choices.id, title: choices.title, labels, input, featureLayer, featureSize: facts.featureSize(featureLayer) };
}
