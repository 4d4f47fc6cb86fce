import { useEffect, useState } from 'react';
import type { ExportStudentResult, WorkerErrorInfo } from '../../protocol/messages';
import { errorInfo, errorText } from '../../protocol/errors';
import { teacherDropper } from '../teachers/teacherDropClient';
import { useStudio } from '../store/studioStore';
import { trainingWorker } from '../workerClient';
import { revokeDownloads, toDownloads, type Download } from './exportDownloads';

type Exported = { phase: 'idle' } | { phase: 'exporting' } | { phase: 'ready'; result: ExportStudentResult; downloads: Download[] } | { phase: 'failed'; error: WorkerErrorInfo };

/** "Export student": the three files of a teacher folder as downloads, and a shortcut to load them back as a teacher. */
export function ExportStudent() {
  const [exported, setExported] = useState<Exported>({ phase: 'idle' });
  useEffect(() => () => void (exported.phase === 'ready' && revokeDownloads(exported.downloads)), [exported]);
  // Another run's export, or why it failed, says nothing of this run's student.
  const runId = useStudio((s) => s.progress.runId);
  useEffect(() => setExported((e) => (e.phase === 'exporting' ? e : { phase: 'idle' })), [runId]);

  const run = async (format: 'tfjs' | 'teachable-machine') => {
    setExported({ phase: 'exporting' });
    try {
      const result = await trainingWorker.call({ kind: 'exportStudent', format });
      setExported({ phase: 'ready', result, downloads: toDownloads(result.files) });
    } catch (error) {
      setExported({ phase: 'failed', error: errorInfo(error) });
    }
  };

  return (
    <div className="export-student">
      <button type="button" onClick={() => void run('tfjs')} disabled={exported.phase === 'exporting'}>
        {exported.phase === 'exporting' ? 'Exporting…' : 'Export student'}
      </button>{' '}
      <button type="button" onClick={() => void run('teachable-machine')} disabled={exported.phase === 'exporting'}>
        Export for Teachable Machine
      </button>
      {exported.phase === 'failed' && (
        <p role="alert" className="status-error">
          Could not export: {errorText(exported.error)}
        </p>
      )}
      {exported.phase === 'ready' && (
        <>
          <p data-field="export-summary">
            {exported.result.metadata.title}: labels {exported.result.metadata.labels.join(', ')}; input {exported.result.metadata.input.height} ×{' '}
            {exported.result.metadata.input.width}. Save all three files in one folder; tf.loadLayersModel reads it, and so does this studio's drop zone
            {exported.result.metadata.input.height === 224 ? ", and so does Teachable Machine's library (tmImage.load)" : ''}.
          </p>
          <ul aria-label="Exported files" className="export-files">
            {exported.downloads.map((d) => (
              <li key={d.name}>
                <a href={d.url} download={d.name}>
                  {d.name}
                </a>{' '}
                <span className="muted">({d.bytes.toLocaleString('en-US')} bytes)</span>
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => void teacherDropper.drop(exported.result.metadata.id, exported.result.files)}>
            Load the export as a teacher
          </button>
        </>
      )}
    </div>
  );
}
