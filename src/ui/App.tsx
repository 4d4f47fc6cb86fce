import { useEffect } from 'react';
import type { BackendQuery } from './backend/backendQuery';
import { LiveViews } from './charts/LiveViews';
import { DataPanel } from './data/DataPanel';
import { ExportPanel } from './export/ExportPanel';
import { JumpNav } from './layout/JumpNav';
import { MethodPanel } from './method/MethodPanel';
import { RecoveryNotice } from './training/RecoveryNotice';
import { ResultsPanel } from './results/ResultsPanel';
import { studioStore, useStudio } from './store/studioStore';
import { connectWorkerEvents } from './store/workerEvents';
import { TeachersPanel } from './teachers/TeachersPanel';
import { installStudioHook, studioHook } from './testHook';
import { TrainingPanel } from './training/TrainingPanel';
import { loadTeacher, trainingWorker } from './workerClient';
import { WorkerStatusPanel } from './backend/WorkerStatusPanel';

/**
 * The studio on one screen: a one-line header; the set-up steps (teachers, data, method) in
 * the left column; the run (controls, live views, results, export) in the right one, its
 * controls pinned at the top while the views scroll under them. On a wide window each column
 * scrolls on its own and the page does not; on a narrow one it is a single column.
 */
export function App({ backendQuery }: { backendQuery: BackendQuery }) {
  useEffect(() => installStudioHook(window, studioHook(trainingWorker, loadTeacher)), []);
  useEffect(() => connectWorkerEvents(trainingWorker, studioStore), []);
  const backend = useStudio((s) => s.workerBackend);
  return (
    <main className="shell">
      <header className="masthead">
        <div className="masthead-title">
          <h1>CKA Studio</h1>
          <p className="subtitle">Several teacher classifiers train one student, from unlabelled images, in your browser.</p>
        </div>
        <JumpNav />
        {backendQuery.ok ? (
          <WorkerStatusPanel backend={backendQuery.backend} />
        ) : (
          <p role="alert" className="status status-error">
            {backendQuery.message}
          </p>
        )}
      </header>
      <div className="studio">
        <div className="studio-setup">
          <TeachersPanel />
          <DataPanel />
          <MethodPanel />
        </div>
        <div className="studio-run">
          <div className="run-pinned">
            <RecoveryNotice client={trainingWorker} />
            <TrainingPanel />
          </div>
          <LiveViews />
          <ResultsPanel backend={backend} />
          <ExportPanel />
        </div>
      </div>
    </main>
  );
}
