import type * as tf from '@tensorflow/tfjs';
import type { DroppedModelFiles } from './droppedFiles';
import { droppedMetadata, layersFacts, metadataGivesScaling, type DroppedChoices } from './droppedMetadata';
import { loadGraphTeacher } from './graphTeacher';
import { checkInputScaling, UNIT_SCALING, type ScalingCheck } from './inputScaling';
import { loadTeacherDescribed, type Teacher } from './loadTeacher';
import { parseModelJson } from './modelArtifacts';

/** A teacher built from dropped files, with the layer (or graph node) names its feature can be chosen from. */
export interface DroppedTeacherBuild {
  teacher: Teacher;
  names: string[];
  /** The input scaling check, for a model whose metadata does not say how to scale its input (and a sample to try). */
  scaling: ScalingCheck | null;
}

/** Builds matched dropped files as a LayersModel or, for format "graph-model", a GraphModel teacher. */
async function build(matched: DroppedModelFiles, choices: DroppedChoices): Promise<Omit<DroppedTeacherBuild, 'scaling'>> {
  const { files, metadata } = matched;
  const describe = (facts: Parameters<typeof droppedMetadata>[0]) => droppedMetadata(facts, metadata, choices, files.name);
  if (parseModelJson(files.name, files.modelJson).format === 'graph-model') return loadGraphTeacher(files, describe);
  let names: string[] = [];
  const teacher = await loadTeacherDescribed(files, (structure) => {
    const facts = layersFacts(structure);
    names = facts.names;
    return describe(facts);
  });
  return { teacher, names };
}

/**
 * Builds a dropped teacher. A model whose metadata does not give its input scaling has the
 * candidates tried on `sample` (transfer images in [0, 1], no labels); the proposed one is
 * used unless the user chose one (choices.scaling), and the check is returned for the card.
 */
export async function loadDroppedTeacher(matched: DroppedModelFiles, choices: DroppedChoices, sample?: tf.Tensor4D): Promise<DroppedTeacherBuild> {
  const built = await build(matched, choices);
  if (metadataGivesScaling(matched.metadata) || !sample) return { ...built, scaling: null };
  const check = checkInputScaling(built.teacher, sample, choices.scaling ?? UNIT_SCALING);
  if (choices.scaling) return { ...built, scaling: check };
  const proposed = check.candidates.find((c) => c.id === check.proposed)!;
  if (proposed.id === 'unit') return { ...built, scaling: check };
  built.teacher.dispose();
  return { ...(await build(matched, { ...choices, scaling: { mean: proposed.mean, std: proposed.std } })), scaling: check };
}
