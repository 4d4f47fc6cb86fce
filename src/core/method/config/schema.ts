import type { RunConfig } from '../config';
import { boolField, enumField, intField, listField, realField, type NumberSpec } from './fieldKinds';
import { needsCommonSpace, teacherKdApplies } from './lossUse';
import { targetBuilderNames, type TargetBuilderName } from '../../ownership/builders';

/**
 * Every field of a RunConfig, in the order a config is written (records, variant names) and the
 * method panel and `--help` show them: its type,
 * default, range, words, CLI flag, form group and rules. RunConfig, defaultConfig, the
 * validator, the panel's inputs, the warnings, the CLI flags and the run table's "unused"
 * rules are all derived from this table; a new field is one entry here plus the code that
 * reads it. Loss weights are the 'weights.<term>' entries (RunConfig nests them).
 *
 * CKA's weights and temperatures were chosen by the sweep declared in scripts/experiments/sweep-cka.json (docs/results.md).
 */

export const presetNames = ['kd', 'cfl', 'cka', 'cka-concat', 'cka-no-intra', 'cka-no-inter', 'cka-no-align', 'oracle'] as const;
export type PresetName = (typeof presetNames)[number];
export const builtInData = ['mnist', 'fashion-mnist', 'mnist+fashion-mnist', 'emoji'] as const;
export type BuiltInData = (typeof builtInData)[number];
/** Built in, or images dropped in the studio ('dropped:<name>'), which live in the browser worker only. */
export type TransferData = BuiltInData | `dropped:${string}`;
export const taskModes = ['joint', 'multi-head'] as const;
export const combiners = ['concat', 'confidence'] as const;
export const alignVariants = ['sample', 'relational'] as const;
export const optimizers = ['adam', 'sgd'] as const;
export const learningRateSchedules = ['constant', 'cosine'] as const;
/** The student's backbones (built in ../student.ts); declared here, free of tfjs, so the page can list them. */
export const studentArchs = ['small-cnn', 'resnet'] as const;
export type StudentArch = (typeof studentArchs)[number];
/** Where the student's trunk starts: its own backbone (scratch) or a copy of one teacher's layers up to its feature layer (../teacherTrunk.ts). */
export const studentTrunks = ['scratch', 'teacher-frozen', 'teacher-finetune'] as const;
export type StudentTrunk = (typeof studentTrunks)[number];
/** One line per trunk option, shown under the select for the chosen one. */
export const studentTrunkHelp: Record<StudentTrunk, string> = {
  scratch: 'The student architecture above, from random weights.',
  'teacher-frozen': "The copied teacher layers stay as the teacher trained them (batch norm in inference mode); only the fresh features layer, the heads and the common space learn.",
  'teacher-finetune': "The copied teacher layers start as the teacher's and train with the rest of the student.",
};
const fromTeacher = (c: RunConfig): boolean => c.studentTrunk !== 'scratch';
export const refineModes = ['off', 'student'] as const;
export type RefineMode = (typeof refineModes)[number];
export type OptimizerName = (typeof optimizers)[number];
/** The working resolution: 'auto' (from the teachers' inputs, capped) or a side in pixels (src/core/data/workingResolution.ts). */
export const resolutions = ['auto', '28', '32', '64', '96', '128'] as const;
export type ResolutionSetting = (typeof resolutions)[number];

const ckaFamily = (c: RunConfig) => c.preset === 'cka' || c.preset.startsWith('cka-');

/** Above these a run is likely to diverge; plain SGD (no momentum) takes much smaller steps than Adam. */
const highLearningRate: Record<OptimizerName, { rate: number; name: string }> = { adam: { rate: 0.01, name: 'Adam' }, sgd: { rate: 0.5, name: 'SGD' } };

/** Full CKA with one contrastive term at 0 is an ablation with a preset of its own. */
const ablationWarning = (term: 'intra' | 'inter' | 'align') => (c: RunConfig): string | null =>
  c.preset === 'cka' && c.weights[term] === 0
    ? `preset cka with the ${term} weight at 0 is an ablation: pick cka-no-${term} (or custom) so the run is named for it`
    : null;

/** Refinement reassigns the joint target's owners between epochs: nothing to do for the oracle, multi-head students or one epoch. */
const canRefine = (c: RunConfig): boolean => !c.supervised && c.taskMode === 'joint' && c.epochs >= 2;
const refinementOff = (c: RunConfig): boolean => c.refine === 'off' || !canRefine(c);

const lossWeight = (flag: string, label: string, help: string, extra: Partial<NumberSpec> = {}) =>
  realField({ default: 0, min: 0, max: 1000, flag, label, help, group: 'weights', ...extra });

export const configSchema = {
  preset: enumField<PresetName | 'custom'>({
    options: [...presetNames, 'custom'], default: 'cka', flag: 'preset', group: 'preset', label: 'Preset',
    help: 'A named method: CKA, its baselines and its ablations; editing a method field makes it custom.',
  }),
  teachers: listField({
    default: ['mnist-0-4', 'mnist-5-9'], item: 'teacher', flag: 'teachers', group: 'inputs', label: 'Teachers',
    help: 'The teachers whose knowledge the student amalgamates (picked in the Teachers panel).',
  }),
  data: enumField<TransferData>({
    options: builtInData, pattern: { test: /^dropped:[A-Za-z0-9._-]{1,100}$/, text: 'dropped:<name>' }, default: 'mnist', flag: 'data', group: 'inputs',
    label: 'Transfer data', help: 'The unlabelled images the student learns from (chosen in the Data panel).',
  }),
  transferLimit: intField({
    default: 0, min: 0, max: 1e7, flag: 'transfer-limit', group: 'run', label: 'Transfer images',
    help: 'Unlabelled images used per epoch (0 = all); steps per epoch = this / batch size.',
    warning: (c: RunConfig): string | null =>
      c.transferLimit > 0 && c.transferLimit < c.batchSize * 10 ? `${c.transferLimit} transfer images make fewer than 10 steps an epoch` : null,
  }),
  studentWidth: intField({
    default: 64, min: 4, max: 256, flag: 'width', group: 'details', label: 'Student width',
    help: "Channels of the student's first conv layer; wider learns more, runs slower.",
  }),
  studentArch: enumField<StudentArch>({
    options: studentArchs, default: 'small-cnn', flag: 'student-arch', group: 'details', label: 'Student architecture',
    help: "The student's backbone. small-cnn: two convs and a dense layer, enough for 28 px digits; resnet: two residual stages and global pooling, deeper for 32 px colour and larger images, its size independent of the image size.",
    unusedWhen: (c: RunConfig): boolean => fromTeacher(c),
  }),
  studentTrunk: enumField<StudentTrunk>({
    options: studentTrunks, default: 'scratch', flag: 'student-trunk', group: 'details', label: 'Student trunk',
    help: "Where the student's layers start: its own architecture, or a copy of one teacher's layers up to its feature layer (the teacher itself is untouched) with a fresh features layer and heads on top. The teacher's input scaling, colour and size are built into the copy's first layers (a working resolution other than the teacher's is resized inside the model), so the student, and its export, still take the working resolution.",
  }),
  studentTrunkTeacher: intField({
    default: 0, min: 0, max: 63, flag: 'student-trunk-teacher', group: 'details', label: 'Trunk teacher',
    help: 'Which teacher gives the trunk: its place in the run\'s teacher list, counted from 0.',
    unusedWhen: (c: RunConfig): boolean => !fromTeacher(c),
  }),
  taskMode: enumField<(typeof taskModes)[number]>({
    options: taskModes, default: 'joint', flag: 'task-mode', group: 'details', label: 'Task mode',
    help: 'joint: one head over every class; multi-head: one head per teacher.',
  }),
  combiner: enumField<(typeof combiners)[number]>({
    options: combiners, default: 'concat', flag: 'combiner', group: 'details', label: 'Head combiner',
    help: "How a multi-head student's heads (and the teachers) combine into one prediction. concat: one softmax over all their logits side by side (CFL's way); confidence: each weighted by how sure it is.",
    unusedWhen: (c: RunConfig): boolean => c.supervised || c.taskMode === 'joint',
  }),
  targetBuilder: enumField<TargetBuilderName>({
    options: targetBuilderNames, default: 'cluster', flag: 'target-builder', group: 'details', label: 'Target builder',
    help: "Who owns an image: how the teachers' answers become one soft target over all classes. concat: one softmax over all logits (CFL's way, the loudest teacher wins); cluster: the teacher most certain and steadiest under small shifts, on the image and across its cluster of look-alikes (docs/method.md, 'Who owns an image').",
    unusedWhen: (c: RunConfig): boolean => c.supervised || c.taskMode === 'multi-head',
  }),
  ownershipSmoothing: realField({
    default: 0.3, min: 0, max: 1, flag: 'ownership-smoothing', group: 'details', label: 'Ownership smoothing',
    help: "Share of each image's target spread evenly over all teachers instead of its owner: every teacher then still tells the student how its own classes rank on the image, even where another teacher owns it.",
    unusedWhen: (c: RunConfig): boolean => c.supervised || c.taskMode === 'multi-head' || c.targetBuilder === 'concat',
  }),
  temperature: realField({
    default: 4, min: 0.05, max: 100, flag: 'temperature', group: 'details', label: 'Temperature T',
    help: "Softens the teachers' answers into soft targets, softmax(z / T); a higher T gives the runner-up classes more weight, sharing more of the teachers' doubt.",
    unusedWhen: (c: RunConfig): boolean => c.supervised,
    warning: (c: RunConfig): string | null =>
      c.temperature < 1 ? `temperature ${c.temperature} below 1 sharpens the soft targets past the teachers' own confidence` : null,
  }),
  tau: realField({
    default: 0.2, min: 0.01, max: 10, flag: 'tau', group: 'details', label: 'Contrastive tau',
    help: 'τ of the intra- and inter-model contrastive losses: similarities are divided by it before the softmax, exp(cos / τ); lower pulls classes apart harder (0.1 to 0.5 is usual).',
    unusedWhen: (c: RunConfig): boolean => [c.weights.intra, c.weights.inter, c.weights.instanceInter, c.weights.instanceIntra].every((w) => w === 0),
    warning: (c: RunConfig): string | null => (c.tau < 0.05 ? `tau ${c.tau} is very sharp: contrastive gradients may explode (0.1 to 0.5 is usual)` : null),
  }),
  tauAlign: realField({
    default: 0.2, min: 0.01, max: 10, flag: 'tau-align', group: 'details', label: 'Alignment tau',
    help: 'τ_a of the alignment loss: softens each embedding into a distribution over its m numbers, softmax(v / τ_a), which the student matches to the teacher’s.',
    unusedWhen: (c: RunConfig): boolean => c.weights.align === 0,
  }),
  alignVariant: enumField<(typeof alignVariants)[number]>({
    options: alignVariants, default: 'sample', flag: 'align-variant', group: 'details', label: 'Alignment variant',
    help: 'sample: match each sample’s embedding; relational: match its similarities to the batch.',
    unusedWhen: (c: RunConfig): boolean => c.weights.align === 0,
  }),
  projectionSize: intField({
    default: 64, min: 2, max: 1024, flag: 'projection', group: 'details', label: 'Common space size',
    help: 'Size m of the common space: a small network per model maps its features to m numbers of unit length, where student and teachers are compared.',
    unusedWhen: (c: RunConfig): boolean => !needsCommonSpace(c),
  }),
  'weights.kd': lossWeight('w-kd', 'Soft-target (KD) weight', "Weight of the soft-target term: the student learns to give the teachers' combined class probabilities, T²·KL(q ‖ student).", {
    default: 1,
    warning: (c: RunConfig): string | null =>
      c.weights.kd === 0 && !c.supervised ? 'kd weight 0: nothing teaches the student its classes; accuracy will stay near chance' : null,
  }),
  'weights.teacherKd': lossWeight('w-teacher-kd', 'Per-teacher soft-target weight', "Weight of each teacher's own answer on every image, whoever owns it: the student's probabilities over that teacher's classes alone are matched to the teacher's, so no teacher's ranking of its own classes is lost to ownership. Not used with concat, whose target already holds every teacher's answer whole.", {
    default: 1,
    unusedWhen: (c: RunConfig): boolean => !teacherKdApplies(c),
  }),
  'weights.intra': lossWeight('w-intra', 'Intra-model weight', "Weight of intra-model contrast: inside each model's own space, images with the same pseudo-label are pulled together, the rest pushed apart (SupCon).", { default: 0.1, warning: ablationWarning('intra') }),
  'weights.inter': lossWeight('w-inter', 'Inter-model weight', "Weight of inter-model contrast: the student's view of an image is pulled towards the teachers' views of images with the same pseudo-label (symmetric InfoNCE).", { default: 0.1, warning: ablationWarning('inter') }),
  'weights.align': lossWeight('w-align', 'Alignment weight', "Weight of sample-level alignment: image by image, the student's point in the common space is made to match each teacher's (KL of the softened embeddings).", { default: 1, warning: ablationWarning('align') }),
  'weights.instanceInter': lossWeight('w-instance-inter', 'Instance inter-model weight', "Weight of instance-level inter-model contrast (CRD): the student's view of an image is pulled to each teacher's view of the same image, away from the other images of the batch; no pseudo-label involved."),
  'weights.instanceIntra': lossWeight('w-instance-intra', 'Instance two-view weight', "Weight of instance-level contrast over two views (SimCLR's NT-Xent): the student's embeddings of an image and of a shifted, turned, noisier copy are pulled together, away from the other images; costs a second student pass per step."),
  'weights.cflMmd': lossWeight('w-cfl-mmd', 'CFL MMD weight', 'CFL baseline: makes the batch of student features and each batch of teacher features alike as distributions (maximum mean discrepancy, MMD).'),
  'weights.cflReconstruction': lossWeight('w-cfl-rec', 'CFL reconstruction weight', "CFL baseline: rebuild each teacher's features from the common space."),
  refine: enumField<RefineMode>({
    options: refineModes, default: 'off', flag: 'refine', group: 'details', label: 'Self-refinement',
    help: "student: from the chosen epoch on, where the student is confident and keeps its answer under small shifts, and the builder's owning teacher does not know that class, the image's owner becomes the teachers that do (docs/method.md).",
    unusedWhen: (c: RunConfig): boolean => !canRefine(c),
  }),
  refineThreshold: realField({
    default: 0.9, min: 0.1, max: 1, flag: 'refine-threshold', group: 'details', label: 'Refinement confidence',
    help: "The student's probability of its class, on the image and on every shifted copy, must reach this for the student to reassign the image's owner.",
    unusedWhen: (c: RunConfig): boolean => refinementOff(c),
  }),
  refineFromEpoch: intField({
    default: 1, min: 1, max: 1000, flag: 'refine-from-epoch', group: 'details', label: 'Refine after epoch',
    help: 'The first epoch after which the student reassigns owners (then after every later epoch but the last).',
    unusedWhen: (c: RunConfig): boolean => refinementOff(c),
    warning: (c: RunConfig): string | null =>
      c.refine !== 'off' && c.refineFromEpoch >= c.epochs ? `refinement after epoch ${c.refineFromEpoch} of ${c.epochs} never takes effect` : null,
  }),
  refineMaxShare: realField({
    default: 0.05, min: 0, max: 1, flag: 'refine-max-share', group: 'details', label: 'Refinement cap',
    help: "At most this share of the transfer images changes owner per refinement (the student's surest first): a guard against the student confirming its own mistakes.",
    unusedWhen: (c: RunConfig): boolean => refinementOff(c),
  }),
  supervised: boolField({
    default: false, flag: 'supervised', group: 'supervision', label: 'Supervised (oracle)',
    help: 'Trains on true labels instead of teachers: an upper bound to compare against.',
    warning: (c: RunConfig): string | null => (c.supervised ? 'supervised trains on true labels: an upper bound for comparison, not amalgamation' : null),
  }),
  optimizer: enumField<OptimizerName>({
    options: optimizers, default: 'adam', flag: 'optimizer', group: 'details', label: 'Optimiser',
    help: 'Adam is the default; SGD needs a larger learning rate.',
  }),
  learningRate: realField({
    default: 1e-3, min: 1e-6, max: 1, flag: 'lr', group: 'run', label: 'Learning rate',
    help: 'Step size of the optimiser for the student and the projection heads.',
    warning: (c: RunConfig): string | null => {
      const high = highLearningRate[c.optimizer];
      return c.learningRate > high.rate ? `learning rate ${c.learningRate} is high for ${high.name} on these students; losses may diverge` : null;
    },
  }),
  learningRateSchedule: enumField<(typeof learningRateSchedules)[number]>({
    options: learningRateSchedules, default: 'cosine', flag: 'lr-schedule', group: 'run', label: 'Learning-rate schedule',
    help: 'constant: the same rate to the end; cosine: falls from the rate to zero along a half cosine over the whole run, so the last steps settle instead of swinging.',
  }),
  batchSize: intField({
    default: 64, min: 2, max: 4096, flag: 'batch-size', group: 'run', label: 'Batch size',
    help: 'Images per step; the contrastive losses compare the images within a batch.',
    warning: (c: RunConfig): string | null =>
      ckaFamily(c) && c.batchSize < 16 ? `batch ${c.batchSize}: the contrastive losses find few same-class pairs in so small a batch` : null,
  }),
  epochs: intField({ default: 3, min: 1, max: 1000, flag: 'epochs', group: 'run', label: 'Epochs', help: 'Passes over the transfer images.' }),
  seed: intField({
    default: 1, min: 0, max: 2 ** 31, flag: 'seed', group: 'run', label: 'Seed',
    help: 'Seeds the student weights and the order of the transfer images: same seed, same run.',
  }),
  resolution: enumField<ResolutionSetting>({
    options: resolutions, default: 'auto', flag: 'resolution', group: 'details', label: 'Working resolution',
    help: "The side in pixels of every transfer image while the student learns (each teacher still gets its own size and colour). auto: the largest teacher input, at most 64, never above the data's own size.",
  }),
};

export type ConfigSchema = typeof configSchema;
/** A field's path: 'tau', or 'weights.kd' for a loss weight. */
export type FieldPath = keyof ConfigSchema;

/** A rule across fields: the field it names and why, or null when the config passes. */
export const crossFieldRules: ((c: RunConfig) => { field: string; message: string } | null)[] = [
  (c) => (!c.supervised && Object.values(c.weights).every((w) => w === 0) ? { field: 'weights', message: 'are all zero: nothing would train the student' } : null),
  (c) =>
    fromTeacher(c) && c.studentTrunkTeacher >= c.teachers.length
      ? { field: 'studentTrunkTeacher', message: `is ${c.studentTrunkTeacher}, but the run has ${c.teachers.length} teacher(s): pick 0 to ${c.teachers.length - 1}` }
      : null,
];
