/**
 * Test-only fixtures for the method tests: small in-memory teachers loaded through the real
 * loader, synthetic images and labelled sets, weight snapshots for "did it change" checks, and a
 * bitwise comparison of step losses for "same run again" checks.
 */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { installTrainingKernels } from '../backend/trainingKernels';
import type { LabelledImages } from '../data/labelledImages';
import { seededRandom } from '../random';
import type { StepResult } from './amalgamation';
import { lossTermNames } from './amalgamationLoss';
import { buildClassifier, FEATURE_LAYER, type ArchitectureId } from '../teachers/architectures';
import { loadTeacher, type Teacher } from '../teachers/loadTeacher';
import type { ModelFiles } from '../teachers/modelArtifacts';
import type { InputSpec } from '../teachers/teacherMetadata';

export async function useCpuBackend(): Promise<void> {
  installTrainingKernels();
  await tf.setBackend('cpu');
  await tf.ready();
}

async function inMemoryFiles(model: tf.LayersModel, name: string): Promise<ModelFiles> {
  let json = '';
  let weights: ArrayBuffer | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      json = JSON.stringify({ format: 'layers-model', modelTopology: a.modelTopology, weightsManifest: [{ paths: ['./weights.bin'], weights: a.weightSpecs }] });
      weights = a.weightData as ArrayBuffer;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return { name: `${name}/model.json`, modelJson: json, readWeights: async (p) => (p.endsWith('weights.bin') ? weights : undefined) };
}

export interface MemoryTeacherSpec {
  id: string;
  labels: string[];
  architecture: ArchitectureId;
  seed: number;
  /** Normalisation of the teacher's input (pixels in [0, 1] -> (x - mean) / std). */
  mean?: number;
  std?: number;
  /** 3 for a colour teacher; 1 (gray) when left out. */
  channels?: 1 | 3;
}

/** A random-weight classifier of the teacher zoo, saved and loaded through loadTeacher like a shipped one. */
export async function memoryTeacher(spec: MemoryTeacherSpec): Promise<Teacher> {
  const channels = spec.channels ?? 1;
  const model = buildClassifier(spec.architecture, spec.labels.length, spec.seed, channels);
  const [, height, width] = model.inputs[0].shape as number[];
  return layersTeacher(model, { id: spec.id, labels: spec.labels, input: { height, width, channels, mean: spec.mean ?? 0.5, std: spec.std ?? 0.25 } });
}

/** Any LayersModel with a layer named 'features' (give its size where it is nested), saved and loaded through loadTeacher; the model given is disposed. */
export async function layersTeacher(model: tf.LayersModel, meta: { id: string; labels: string[]; input: InputSpec; featureSize?: number }): Promise<Teacher> {
  const featureSize = meta.featureSize ?? (model.getLayer(FEATURE_LAYER).outputShape[1] as number);
  const files = await inMemoryFiles(model, meta.id);
  model.dispose();
  return loadTeacher(files, { ...meta, title: meta.id, featureLayer: FEATURE_LAYER, featureSize });
}

export const digitNames = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

/**
 * Two heterogeneous teachers that overlap on '4': an MLP (28x28, 96 features) on 0-4 and a
 * LeNet-5 (32x32, so inputs are resized; 84 features) on 4-9. Union: 10 classes.
 */
export async function smallTeachers(seed = 3): Promise<Teacher[]> {
  return Promise.all([
    memoryTeacher({ id: 'mlp-0-4', labels: digitNames(0, 4), architecture: 'mlp', seed }),
    memoryTeacher({ id: 'lenet-4-9', labels: digitNames(4, 9), architecture: 'lenet5', seed: seed + 1, mean: 0.1307, std: 0.3081 }),
  ]);
}

/** [n, 28, 28, 1] images in [0, 1] from a seeded generator (float32, deterministic). */
export function randomImages(n: number, seed: number, size = 28): tf.Tensor4D {
  const random = seededRandom(seed);
  return tf.tensor4d(Float32Array.from({ length: n * size * size }, () => random()), [n, size, size, 1]);
}

/** A synthetic labelled MNIST-shaped set (random pixels), labels cycling over the names. */
export function syntheticLabelled(count: number, seed: number, labelNames = digitNames(0, 9)): LabelledImages {
  const random = seededRandom(seed);
  return {
    source: `synthetic-${seed}`,
    height: 28,
    width: 28,
    channels: 1,
    count,
    pixels: Uint8Array.from({ length: count * 28 * 28 }, () => Math.floor(random() * 256)),
    labels: Uint8Array.from({ length: count }, (_, i) => i % labelNames.length),
    labelNames,
  };
}

/** Copies of the values of a list of variables (or layer weights). */
export function snapshot(tensors: tf.Tensor[]): Float32Array[] {
  return tensors.map((t) => Float32Array.from(t.dataSync() as Float32Array));
}

/** Bitwise equality of two Float32Arrays (NaN-safe, distinguishes -0 from 0). */
export function bitwiseEqual(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

export function layerValues(model: tf.LayersModel | tf.Sequential, trainableOnly = true): Float32Array[] {
  const weights = trainableOnly ? model.trainableWeights : model.weights;
  return snapshot(weights.map((w) => w.read()));
}

/** The same steps with bitwise the same losses: Object.is tells -0 from 0 and NaN from NaN. */
export function expectSameLosses(actual: StepResult[], expected: StepResult[]): void {
  expect(actual.map((r) => r.step)).toEqual(expected.map((r) => r.step));
  actual.forEach((r, i) => {
    expect(Object.is(r.total, expected[i].total), `total at step ${r.step}: ${r.total} vs ${expected[i].total}`).toBe(true);
    for (const n of lossTermNames) expect(Object.is(r.terms[n], expected[i].terms[n]), `${n} at step ${r.step}`).toBe(true);
  });
}
