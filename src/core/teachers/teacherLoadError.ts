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
  | 'model-build';

export class TeacherLoadError extends Error {
  constructor(readonly code: TeacherErrorCode, message: string) {
    super(message);
    this.name = 'TeacherLoadError';
  }
}
