/** Every way loading a teacher can fail, so the UI can say exactly what is wrong. */
export type TeacherErrorCode =
  | 'bad-json'
  | 'not-layers-model'
  | 'no-weights'
  | 'missing-shard'
  | 'shard-size'
  | 'bad-metadata'
  | 'label-count'
  | 'input-shape'
  | 'feature-layer'
  | 'model-build'
  /** Dropped files: none of them is a tfjs model.json, or several are. */
  | 'no-model-file'
  /** Dropped files: a weight file model.json names is absent, but an unnamed one came instead. */
  | 'renamed-shard'
  /** Dropped files: no metadata gives label names, and none were typed in. */
  | 'no-labels';

export class TeacherLoadError extends Error {
  constructor(readonly code: TeacherErrorCode, message: string) {
    super(message);
    this.name = 'TeacherLoadError';
  }
}
