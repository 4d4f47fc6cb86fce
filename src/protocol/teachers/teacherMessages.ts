/**
 * Teachers and data in the worker: shipped teachers, data sets, dropped files, the exported
 * student and predictions.
 * Part of the page <-> worker protocol; import it through messages.ts.
 */
import type { DataSetId, Split } from '../../core/data/dataSets';
import type { Scaling, ScalingCheck } from '../../core/teachers/inputScaling';
import type { OutputKind } from '../../core/teachers/loadTeacher';
import type { TeacherMetadata } from '../../core/teachers/teacherMetadata';

export const SPLITS = ['train', 'test'] as const satisfies readonly Split[];

export function isSplit(value: unknown): value is Split {
  return typeof value === 'string' && (SPLITS as readonly string[]).includes(value);
}

/**
 * A teacher id is also a folder name under teachers/, so it must be one plain path
 * segment: letters, digits, '.', '_' and '-', not starting with a dot.
 */
export function isTeacherId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(value);
}

/** Load a shipped teacher (teachers/<id>/) into the worker's registry; loading twice reuses it. */
export interface LoadTeacherRequest {
  kind: 'loadTeacher';
  id: string;
}

export interface LoadTeacherResult {
  metadata: TeacherMetadata;
  /** Counted on the model tfjs built, not copied from the metadata. */
  parameters: number;
  /** False when the teacher was already in the registry. */
  loaded: boolean;
  /** Fetching and building the model (0 when it was already loaded). */
  ms: number;
}

/** Load a data set split into the worker (cached there) through the core IDX reader. */
export interface LoadDataRequest {
  kind: 'loadData';
  dataSet: DataSetId;
  split: Split;
}

/** What the worker reports about a loaded split; the e2e test computes the same from disk in Node. */
export interface ImagesSummary {
  count: number;
  height: number;
  width: number;
  channels: number;
  labelNames: string[];
  /** Samples per label id, indexed like labelNames. */
  labelHistogram: number[];
  /** FNV-1a over pixels then labels (8 hex digits): equal bytes on both sides give equal checksums. */
  checksum: string;
}

export interface LoadDataResult extends ImagesSummary {
  dataSet: DataSetId;
  split: Split;
  /** Fetching and decoding (0 when the split was already loaded). */
  ms: number;
}

/**
 * Accuracy of a teacher, shipped or dropped, on its own classes. A shipped teacher is measured
 * on its provenance's data set and classes, as the Node script that recorded
 * provenance.testAccuracy measured it; a dropped one on the built-in test set whose class
 * names hold all its labels, or, with `on`, on the labelled evaluation folder dropped for that
 * transfer set (classes matched by name). Loads the teacher and the data on demand and emits
 * 'teacher-evaluation-progress' events as it goes.
 */
export interface EvaluateTeacherRequest {
  kind: 'evaluateTeacher';
  id: string;
  split: Split;
  /** A dropped transfer set ('dropped:<name>') whose labelled evaluation folder to use. */
  on?: string;
}

export interface EvaluateTeacherResult {
  id: string;
  /** A built-in data set id, or the dropped set ('dropped:<name>') whose evaluation folder was used. */
  dataSet: DataSetId | string;
  split: Split;
  /** Class ids in that set, in the teacher's output order. */
  classes: number[];
  accuracy: number;
  samples: number;
  /** The tfjs backend that ran it. */
  backend: string;
  /** The evaluation alone, loading excluded. */
  ms: number;
}

/** How far an evaluateTeacher request has got. */
export interface TeacherEvaluationProgress {
  id: string;
  done: number;
  total: number;
}

// ---- dropped files, export and predictions (src/worker/teachers/teacherHandlers.ts, data/droppedData.ts, student/studentHandlers.ts)

/** A file the user dropped or picked; `name` keeps its folder path ("digits/3/a.png"). */
export interface DroppedFile {
  name: string;
  bytes: ArrayBuffer;
}

/**
 * Load a dropped tfjs LayersModel (model.json + shards in any order, with or without
 * metadata.json, a Teachable Machine export) into the teacher registry as 'dropped:<name>'.
 * A failed load leaves the registry as it was.
 */
export interface LoadTeacherFilesRequest {
  kind: 'loadTeacherFiles';
  /** Shown in messages and made into the id. */
  name: string;
  files: DroppedFile[];
  /** Typed by the user when no metadata gives label names (logit order). */
  labels?: string[];
  /** The layer whose output is the teacher's feature; guessed when absent. */
  featureLayer?: string;
  /** Input scaling chosen by the user; else the metadata's, or for a model without it the check's proposal. */
  scaling?: Scaling;
  /** The transfer data (RunConfig.data) whose images the input scaling check samples. */
  transfer?: string;
}

export interface LoadTeacherFilesResult extends LoadTeacherResult {
  id: string;
  /** Dropped files the model does not use. */
  ignored: string[];
  /** Layer names, so the feature layer can be chosen. */
  layers: string[];
  /** What the model's output holds, read through nested models and confirmed on sample inputs. */
  outputs: OutputKind;
  /** The input scaling check, for a model whose metadata does not say; null otherwise. */
  scaling: ScalingCheck | null;
}

/**
 * A folder or many PNG/JPEG files, decoded in the worker at the working resolution. The files
 * come in this message, or were staged beforehand in parts (stageImageFiles) and are named by
 * `staged`: one message of 30,000 files held the page's main thread for 152 ms of CPU.
 */
export type LoadImageFilesRequest = ImageFilesToDecode | (ImageDropSettings & { staged: StagedDropRef; files?: undefined });

/** What a dropped image folder is decoded as, whichever way its files came. */
export interface ImageDropSettings {
  kind: 'loadImageFiles';
  name: string;
  /** 'transfer': unlabelled training images; 'evaluation': one sub-folder per class, for a dropped transfer set. */
  role: 'transfer' | 'evaluation';
  /** For 'evaluation': the dropped transfer set ('dropped:<name>') it evaluates. */
  transferId?: string;
  /**
   * For 'transfer': the working resolution, the side in pixels every image is decoded to
   * (28 when absent). A labelled folder is decoded to its transfer set's size and channels.
   */
  resolution?: number;
  /** The resolution is RunConfig's 'auto': decode no larger than the drop's largest image (auto never upsamples). */
  auto?: boolean;
}

/** A drop with its files in hand: the request as the worker decodes it. */
export interface ImageFilesToDecode extends ImageDropSettings {
  files: DroppedFile[];
  staged?: undefined;
}

/** The staged parts a loadImageFiles request decodes: all `parts` of them, `count` files in all, or it fails. */
export interface StagedDropRef {
  dropId: string;
  parts: number;
  count: number;
}

/**
 * One part of a dropped folder's files, kept by the worker until the loadImageFiles request
 * that names its drop. Parts are numbered from 0 and may arrive in any order; a part of
 * another drop discards what this one staged (one drop is staged at a time).
 */
export interface StageImageFilesRequest {
  kind: 'stageImageFiles';
  /** Made by the page, new for every drop. */
  dropId: string;
  part: number;
  files: DroppedFile[];
}

export interface StageImageFilesResult {
  /** Parts and files of this drop staged so far. */
  parts: number;
  files: number;
}

/** Forget a drop's staged parts (its sending failed or was given up); a drop not staged is no error. */
export interface DiscardImageFilesRequest {
  kind: 'discardImageFiles';
  dropId: string;
}

export interface LoadImageFilesResult extends ImagesSummary {
  /** For 'transfer', the value of RunConfig.data that names this set. */
  id: string;
  role: 'transfer' | 'evaluation';
  /** Files that are not images or could not be decoded. */
  skipped: { name: string; reason: string }[];
  ms: number;
}

/** A few images of a data set (built-in or dropped) for the preview grid. */
export interface PreviewImagesRequest {
  kind: 'previewImages';
  /** A RunConfig.data value. */
  data: string;
  count: number;
}

export interface PreviewImagesResult {
  height: number;
  width: number;
  channels: number;
  /** uint8 pixels of `labels.length` images, row-major. */
  pixels: Uint8Array;
  /** Each image's class name, or null for unlabelled images. */
  labels: (string | null)[];
  total: number;
}

/** The current student (paused or complete run) as tfjs LayersModel files. */
export interface ExportStudentRequest {
  kind: 'exportStudent';
  /**
   * 'tfjs' (default): the student as it is (28 x 28 input in [-1, 1], logits). 'teachable-machine':
   * wrapped to take Teachable Machine's 224 x 224 RGB input and give softmax probabilities, with
   * TM's metadata.json, for @teachablemachine/image's load() and predict().
   */
  format?: 'tfjs' | 'teachable-machine';
}

export interface ExportStudentResult {
  /** model.json, weights.bin, metadata.json: loadable by tf.loadLayersModel and as a dropped teacher. */
  files: DroppedFile[];
  metadata: TeacherMetadata;
}

export interface Prediction {
  label: string;
  probability: number;
}

/** Top classes of the student (if a run has one) and of teachers for gray or RGB images, or for one image file. */
export type PredictRequest = {
  kind: 'predict';
  teacherIds: string[];
  /** How many classes per image (default 3). */
  top?: number;
} & (
  | {
      /** uint8 pixels of `count` images of height x width x channels. */
      pixels: Uint8Array;
      count: number;
      height: number;
      width: number;
      /** 1 (gray, the default) or 3 (RGB). */
      channels?: 1 | 3;
    }
  | {
      /** A PNG or JPEG file's bytes, decoded in the worker exactly as a dropped transfer image is. */
      image: ArrayBuffer;
      /** The side to decode it to before a run (the page's working resolution); a run's student takes its own. */
      resolution?: number;
      /** As for a dropped folder: the resolution is 'auto', so never above the image's own size. */
      auto?: boolean;
    }
);

export interface PredictResult {
  /**
   * The images the models were given: decoded from `image` when one was sent, at the run's
   * working resolution (or the picked teachers' before a run), in colour when it has colour.
   */
  input: { pixels: Uint8Array; count: number; height: number; width: number; channels: 1 | 3 };
  /** Per image, best first; null when there is no student. */
  student: Prediction[][] | null;
  teachers: { id: string; predictions: Prediction[][] }[];
}
