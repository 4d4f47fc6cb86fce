import type { DroppedModelFiles } from './droppedFiles';
import { droppedMetadata, layersFacts, type DroppedChoices } from './droppedMetadata';
import { loadGraphTeacher } from './graphTeacher';
import { loadTeacherDescribed, type Teacher } from './loadTeacher';
import { parseModelJson } from './modelArtifacts';

/** A teacher built from dropped files, with the layer (or graph node) names its feature can be chosen from. */
export interface DroppedTeacherBuild {
  teacher: Teacher;
  names: string[];
}

/** Builds matched dropped files as a LayersModel or, for format "graph-model", a GraphModel teacher. */
export async function loadDroppedTeacher(matched: DroppedModelFiles, choices: DroppedChoices): Promise<DroppedTeacherBuild> {
  const { files, metadata } = matched;
  const describe = (facts: Parameters<typeof droppedMetadata>[0]) => droppedMetadata(facts, metadata, choices, files.name);
  if (parseModelJson(files.name, files.modelJson).format === 'graph-model') return loadGraphTeacher(files, describe);
  let names: string[] = [];
  const teacher = await loadTeacherDescribed(files, (model) => {
    const facts = layersFacts(model);
    names = facts.names;
    return describe(facts);
  });
  return { teacher, names };
}
