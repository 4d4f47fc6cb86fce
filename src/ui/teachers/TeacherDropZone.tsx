import { dropName, readFiles, type PathedFile } from '../data/dropFiles';
import { FileDropZone } from './FileDropZone';
import { teacherDropper } from './teacherDropClient';

async function dropModel(files: PathedFile[]): Promise<void> {
  await teacherDropper.drop(dropName(files.map((f) => f.path)), await readFiles(files));
}

/** Where a tfjs LayersModel or a Teachable Machine export is dropped or picked. */
export function TeacherDropZone() {
  return (
    <FileDropZone
      label="Drop model files"
      hint={
        <>
          Drop a tfjs LayersModel here: <code>model.json</code> with its weight files, in any order, with or without{' '}
          <code>metadata.json</code> (a Teachable Machine image export works as it is), or a tfjs GraphModel, whose feature node you can then choose.
        </>
      }
      onFiles={(files) => void dropModel(files)}
      pickers={[
        { label: 'Choose model files', accept: '.json,.bin,application/json,application/octet-stream', testId: 'teacher-files' },
        { label: 'Choose a model folder', folder: true, testId: 'teacher-folder' },
      ]}
    />
  );
}
