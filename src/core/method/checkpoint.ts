import * as tf from '@tensorflow/tfjs';
import type { LabelledImages } from '../data/labelledImages';
import type { Teacher } from '../teachers/loadTeacher';
import type { InputSpec } from '../teachers/teacherMetadata';
import { trainableVariables, type Amalgamation } from './amalgamation';
import type { PrepareOptions } from './batchTargets';
import type { OptimizerName, RunConfig } from './config';
import { createTrainingSession, type SessionInputs, type SessionState, type TrainingSession } from './trainingSession';
import { validateConfig } from './validateConfig';

/**
 * A training session as plain data (no tensors): it survives structuredClone, so it can be
 * kept in IndexedDB or posted between a worker and the page, and it restores on any backend.
 */

export interface TensorRecord {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  data: ArrayBuffer;
}

export interface OptimizerState {
  iterations: number;
  /** Per-variable slots (adam: every m, then every v), named `<variable>/<slot>`. */
  slots: TensorRecord[];
  /**
   * Adam's running beta1^t and beta2^t. setWeights would recompute them with pow(), which
   * differs from the running product in the last bit, and the resumed run would drift.
   */
  accBeta?: [number, number];
}

export interface TeacherFingerprint {
  id: string;
  labels: string[];
  featureSize: number;
  input: InputSpec;
  /** FNV-1a over the bits of every weight: a retrained teacher under the same id is caught. */
  weights: string;
}

export interface DataFingerprint {
  source: string;
  count: number;
  height: number;
  width: number;
  channels: number;
}

export interface Checkpoint extends SessionState {
  kind: 'cka-studio-checkpoint';
  version: 1;
  savedAt: string;
  /** Where it was saved; a restore may use another backend. */
  backend: string;
  config: RunConfig;
  teachers: TeacherFingerprint[];
  train: DataFingerprint;
  test: DataFingerprint;
  variables: TensorRecord[];
  optimizer: OptimizerState;
}

export interface RestoreInputs extends Omit<SessionInputs, 'config'> {
  /** When given, the checkpoint must have been made with exactly this config. */
  config?: RunConfig;
}

export class CheckpointMismatchError extends Error {
  constructor(readonly differences: string[]) {
    super(`the checkpoint does not fit this run: ${differences.join('; ')}`);
    this.name = 'CheckpointMismatchError';
  }
}

interface NamedVariable {
  name: string;
  variable: tf.Variable;
}

/**
 * Every weight of the student and the common space, under a name that is the same in every
 * session: tfjs's own names carry process-wide counters (conv1/kernel_3, dense_Dense7/bias).
 */
export function namedVariables(a: Amalgamation): NamedVariable[] {
  const models = [a.student.model, a.space.student, ...a.space.teachers, ...a.space.decoders];
  return models.flatMap((m) =>
    m.layers.flatMap((layer, i) => layer.weights.map((w) => ({ name: `${m.name}/${i}/${w.originalName.split('/').pop()}`, variable: w.read() as tf.Variable }))),
  );
}

async function toRecord(name: string, t: tf.Tensor): Promise<TensorRecord> {
  if (t.dtype !== 'float32' && t.dtype !== 'int32') throw new Error(`${name}: cannot store dtype ${t.dtype}`);
  const values = (await t.data()) as Float32Array | Int32Array;
  return { name, shape: [...t.shape], dtype: t.dtype, data: values.slice().buffer };
}

function fromRecord(r: TensorRecord): tf.Tensor {
  return tf.tensor(r.dtype === 'int32' ? new Int32Array(r.data) : new Float32Array(r.data), r.shape, r.dtype);
}

const hashes = new WeakMap<Teacher, Promise<string>>();

async function weightsHash(t: Teacher): Promise<string> {
  let h = 0x811c9dc5;
  for (const w of t.model.weights) {
    const values = await w.read().data();
    const words = values instanceof Float32Array || values instanceof Int32Array ? new Uint32Array(values.buffer, values.byteOffset, values.length) : Uint32Array.from(values);
    for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i], 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Teachers are frozen, so each one is hashed once. */
async function teacherFingerprint(t: Teacher): Promise<TeacherFingerprint> {
  if (!hashes.has(t)) hashes.set(t, weightsHash(t));
  const { id, labels, featureSize, input } = t.metadata;
  return { id, labels: [...labels], featureSize, input: { ...input }, weights: await hashes.get(t)! };
}

function dataFingerprint({ source, count, height, width, channels }: LabelledImages): DataFingerprint {
  return { source, count, height, width, channels };
}

/** Adam's bias-correction powers; other optimisers have none. */
function adamPowers(o: tf.Optimizer): [tf.Variable, tf.Variable] | null {
  const { accBeta1, accBeta2 } = o as unknown as { accBeta1?: unknown; accBeta2?: unknown };
  return accBeta1 instanceof tf.Variable && accBeta2 instanceof tf.Variable ? [accBeta1, accBeta2] : null;
}

/** `<tfjs variable name>/<slot>` -> `<stable name>/<slot>`. */
function splitSlot(name: string): [string, string] {
  const cut = name.lastIndexOf('/');
  return [name.slice(0, cut), name.slice(cut + 1)];
}

async function saveOptimizer(a: Amalgamation, stableNames: Map<string, string>): Promise<OptimizerState> {
  const [iter, ...slots] = await a.optimizer.getWeights();
  try {
    const records: TensorRecord[] = [];
    for (const { name, tensor } of slots) {
      const [variable, slot] = splitSlot(name);
      const stable = stableNames.get(variable);
      if (stable === undefined) throw new Error(`optimizer slot ${name} belongs to no student or common-space variable`);
      records.push(await toRecord(`${stable}/${slot}`, tensor));
    }
    const powers = adamPowers(a.optimizer);
    const accBeta = powers ? ([(await powers[0].data())[0], (await powers[1].data())[0]] as [number, number]) : undefined;
    return { iterations: (await iter.tensor.data())[0], slots: records, accBeta };
  } finally {
    iter.tensor.dispose(); // made fresh by getWeights; the slots are the optimiser's own variables
  }
}

/** Waits for the step in progress, then copies every value a resume needs. */
export function saveCheckpoint(session: TrainingSession): Promise<Checkpoint> {
  return session.exclusive(async () => {
    const a = session.amalgamation;
    const named = namedVariables(a);
    const variables: TensorRecord[] = [];
    for (const { name, variable } of named) variables.push(await toRecord(name, variable));
    const { config, teachers, train, test, backend } = session.inputs;
    return {
      kind: 'cka-studio-checkpoint',
      version: 1,
      savedAt: new Date().toISOString(),
      backend,
      config: structuredClone(config),
      ...session.state(),
      teachers: await Promise.all(teachers.map(teacherFingerprint)),
      train: dataFingerprint(train),
      test: dataFingerprint(test),
      variables,
      optimizer: await saveOptimizer(a, new Map(named.map((n) => [n.variable.name, n.name]))),
    };
  });
}

const shorten = (s: string | undefined) => (s === undefined ? 'nothing' : s.length > 60 ? `${s.slice(0, 57)}...` : s);

function diffFields(what: string, saved: object, here: object): string[] {
  const [a, b] = [saved as Record<string, unknown>, here as Record<string, unknown>];
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].flatMap((k) => {
    const [x, y] = [JSON.stringify(a[k]), JSON.stringify(b[k])];
    return x === y ? [] : [`${what}.${k}: checkpoint ${shorten(x)}, here ${shorten(y)}`];
  });
}

async function inputDifferences(cp: Checkpoint, inputs: RestoreInputs): Promise<string[]> {
  const out = inputs.config ? diffFields('config', cp.config, inputs.config) : [];
  const here = await Promise.all(inputs.teachers.map(teacherFingerprint));
  const ids = (ts: TeacherFingerprint[]) => `[${ts.map((t) => t.id).join(', ')}]`;
  if (ids(here) !== ids(cp.teachers)) out.push(`teachers: checkpoint ${ids(cp.teachers)}, here ${ids(here)}`);
  else cp.teachers.forEach((t, k) => out.push(...diffFields(`teacher ${t.id}`, t, here[k])));
  out.push(...diffFields('train', cp.train, dataFingerprint(inputs.train)), ...diffFields('test', cp.test, dataFingerprint(inputs.test)));
  return out;
}

function loadVariables(named: NamedVariable[], records: TensorRecord[]): void {
  const byName = new Map(records.map((r) => [r.name, r]));
  const problems = named.flatMap(({ name, variable }) => {
    const r = byName.get(name);
    if (!r) return [`variable ${name}: missing from the checkpoint`];
    return JSON.stringify(r.shape) === JSON.stringify(variable.shape) && r.dtype === variable.dtype ? [] : [`variable ${name}: checkpoint ${r.dtype}[${r.shape}], here ${variable.dtype}[${variable.shape}]`];
  });
  const known = new Set(named.map((n) => n.name));
  problems.push(...records.filter((r) => !known.has(r.name)).map((r) => `variable ${r.name}: not in this run`));
  if (problems.length) throw new CheckpointMismatchError(problems);
  for (const { name, variable } of named) tf.tidy(() => variable.assign(fromRecord(byName.get(name)!)));
}

/** The slot groups in the order setWeights reads them (adam: all first moments, then all second). */
const slotOrder: Record<OptimizerName, string[]> = { adam: ['m', 'v'], sgd: [] };

/**
 * tfjs optimisers find a variable's slot by its position in the gradient list (the order of
 * trainableVariables), not by name, so each slot group is put back in this session's order.
 */
function orderedSlots(a: Amalgamation, slots: TensorRecord[], named: NamedVariable[]): { name: string; tensor: tf.Tensor }[] {
  const order = slotOrder[a.config.optimizer];
  const variables = new Map(named.map((n) => [n.name, n.variable]));
  const position = new Map(trainableVariables(a).map((v, i) => [v.name, i]));
  const groups = new Map<string, { index: number; name: string; record: TensorRecord }[]>();
  for (const record of slots) {
    const [stable, slot] = splitSlot(record.name);
    const variable = variables.get(stable);
    const index = variable && position.get(variable.name);
    if (variable === undefined || index === undefined) throw new CheckpointMismatchError([`optimizer slot ${record.name}: no such trainable variable here`]);
    if (JSON.stringify(record.shape) !== JSON.stringify(variable.shape)) throw new CheckpointMismatchError([`optimizer slot ${record.name}: shape [${record.shape}], variable [${variable.shape}]`]);
    if (!order.includes(slot)) throw new CheckpointMismatchError([`optimizer slot ${record.name}: ${a.config.optimizer} has no slot "${slot}"`]);
    groups.set(slot, [...(groups.get(slot) ?? []), { index, name: `${variable.name}/${slot}`, record }]);
  }
  const sizes = order.map((slot) => groups.get(slot)?.length ?? 0);
  if (slots.length > 0 && new Set(sizes).size > 1) throw new CheckpointMismatchError([`optimizer slots: ${order.map((s, i) => `${sizes[i]} "${s}"`).join(', ')}`]);
  const sorted = (slot: string) => (groups.get(slot) ?? []).sort((x, y) => x.index - y.index);
  return order.flatMap(sorted).map(({ name, record }) => ({ name, tensor: fromRecord(record) }));
}

async function restoreOptimizer(a: Amalgamation, state: OptimizerState, named: NamedVariable[]): Promise<void> {
  const weights = [{ name: 'iter', tensor: tf.scalar(state.iterations, 'int32') }, ...orderedSlots(a, state.slots, named)];
  try {
    await a.optimizer.setWeights(weights);
  } finally {
    tf.dispose(weights.map((w) => w.tensor)); // setWeights keeps its own variables of them
  }
  const powers = adamPowers(a.optimizer);
  const acc = state.accBeta;
  if (powers && acc) tf.tidy(() => powers.forEach((v, i) => v.assign(tf.scalar(acc[i]))));
}

/** A new session at the checkpoint's state and weights, on the current backend. */
export async function restoreSession(cp: Checkpoint, inputs: RestoreInputs, prepare?: PrepareOptions): Promise<TrainingSession> {
  if (cp?.kind !== 'cka-studio-checkpoint' || cp.version !== 1) throw new Error(`not a version-1 CKA Studio checkpoint (kind ${cp?.kind}, version ${cp?.version})`);
  const config = validateConfig(cp.config);
  const problems = await inputDifferences(cp, inputs);
  if (problems.length) throw new CheckpointMismatchError(problems);
  const { position, step, history, epochTotals, refinement } = cp;
  const session = createTrainingSession({ ...inputs, config }, { position, step, history, epochTotals, refinement: refinement ?? null });
  try {
    const named = namedVariables(session.amalgamation);
    loadVariables(named, cp.variables);
    await restoreOptimizer(session.amalgamation, cp.optimizer, named);
    // The target builder's fit is not stored (it is deterministic): remade now, so the session is ready to train.
    await session.prepare(prepare);
    return session;
  } catch (e) {
    await session.dispose();
    throw e;
  }
}
