import { isDataSetId, type DataSetId } from '../data/dataSets';

/** How a model wants its input: pixels/255, resized to height x width, then (x - mean) / std. */
export interface InputSpec {
  height: number;
  width: number;
  channels: 1 | 3;
  mean: number;
  std: number;
}

/** Where a shipped teacher came from; dropped models may not have it. */
export interface TeacherProvenance {
  dataSet: DataSetId;
  classes: number[];
  testAccuracy: number;
  testSamples: number;
  architecture: string;
  parameters: number;
  seed: number;
  epochs: number;
  trainSeconds: number;
  backend: string;
  /** Trained to be unsure (uniform target) on another data set's images: see OutlierExposure. */
  outlierExposure?: { dataSet: DataSetId; weight: number };
}

export interface TeacherMetadata {
  id: string;
  title: string;
  /** Label names in logit order; teachers that share a name share a class in the union. */
  labels: string[];
  input: InputSpec;
  /** The layer whose output is the teacher's feature f_k(x). */
  featureLayer: string;
  featureSize: number;
  provenance?: TeacherProvenance;
}

export class MetadataError extends Error {
  constructor(readonly field: string, message: string) {
    super(`metadata.json: ${field} ${message}`);
  }
}

type Json = Record<string, unknown>;

function field<T>(obj: Json, name: string, check: (v: unknown) => v is T, what: string): T {
  const value = obj[name];
  if (!check(value)) throw new MetadataError(name, `must be ${what} (got ${JSON.stringify(value)})`);
  return value;
}

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isPositive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isLabels = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.every(isString);
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseInputSpec(value: unknown): InputSpec {
  if (!isObject(value)) throw new MetadataError('input', 'must be an object {height, width, channels, mean, std}');
  const channels = value.channels;
  if (channels !== 1 && channels !== 3) throw new MetadataError('input.channels', 'must be 1 or 3');
  return {
    height: field(value, 'height', isPositive, 'a positive number'),
    width: field(value, 'width', isPositive, 'a positive number'),
    channels,
    mean: field(value, 'mean', isFiniteNumber, 'a number'),
    std: field(value, 'std', isPositive, 'a positive number'),
  };
}

/** Validates a parsed metadata.json; throws a MetadataError naming the first bad field. */
export function parseTeacherMetadata(value: unknown): TeacherMetadata {
  if (!isObject(value)) throw new MetadataError('(root)', 'must be a JSON object');
  const labels = field(value, 'labels', isLabels, 'a non-empty list of label names');
  if (new Set(labels).size !== labels.length) throw new MetadataError('labels', 'must not repeat a name');
  const metadata: TeacherMetadata = {
    id: field(value, 'id', isString, 'a non-empty string'),
    title: typeof value.title === 'string' ? value.title : String(value.id),
    labels,
    input: parseInputSpec(value.input),
    featureLayer: field(value, 'featureLayer', isString, 'a layer name'),
    featureSize: field(value, 'featureSize', isPositive, 'a positive number'),
  };
  if (value.provenance !== undefined) metadata.provenance = parseProvenance(value.provenance);
  return metadata;
}

function parseProvenance(value: unknown): TeacherProvenance {
  if (!isObject(value)) throw new MetadataError('provenance', 'must be an object');
  const dataSet = field(value, 'dataSet', isString, 'a data set id');
  if (!isDataSetId(dataSet)) throw new MetadataError('provenance.dataSet', `is unknown: ${dataSet}`);
  const classes = value.classes;
  if (!Array.isArray(classes) || !classes.every(Number.isInteger)) {
    throw new MetadataError('provenance.classes', 'must be a list of class ids');
  }
  return {
    dataSet,
    classes: classes as number[],
    testAccuracy: field(value, 'testAccuracy', isFiniteNumber, 'a number'),
    testSamples: field(value, 'testSamples', isPositive, 'a positive number'),
    architecture: field(value, 'architecture', isString, 'a name'),
    parameters: field(value, 'parameters', isPositive, 'a positive number'),
    seed: field(value, 'seed', isFiniteNumber, 'a number'),
    epochs: field(value, 'epochs', isPositive, 'a positive number'),
    trainSeconds: field(value, 'trainSeconds', isFiniteNumber, 'a number'),
    backend: field(value, 'backend', isString, 'a backend name'),
    ...(value.outlierExposure === undefined ? {} : { outlierExposure: parseOutlierExposure(value.outlierExposure) }),
  };
}

function parseOutlierExposure(value: unknown): { dataSet: DataSetId; weight: number } {
  if (!isObject(value)) throw new MetadataError('provenance.outlierExposure', 'must be an object');
  const dataSet = field(value, 'dataSet', isString, 'a data set id');
  if (!isDataSetId(dataSet)) throw new MetadataError('provenance.outlierExposure.dataSet', `is unknown: ${dataSet}`);
  return { dataSet, weight: field(value, 'weight', isPositive, 'a positive number') };
}
