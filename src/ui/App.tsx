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
 * The studio: set-up on the left (teachers, data, method), the run on the right (controls,
 * live views, results, export). One column on a narrow window.
 */
export function App({ backendQuery }: { backendQuery: BackendQuery }) {
  useEffect(() => installStudioHook(window, studioHook(trainingWorker, loadTeacher)), []);
  useEffect(() => connectWorkerEvents(trainingWorker, studioStore), []);
  const backend = useStudio((s) => s.workerBackend);
  return (
    <main className="shell">
      <header className="masthead">
        <div>
          <h1>CKA Studio</h1>
          <p className="subtitle">
            Knowledge amalgamation in your browser: several teacher classifiers train one student, from unlabelled
            images alone.
          </p>
          <JumpNav />
        </div>
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
          <RecoveryNotice client={trainingWorker} />
          <TrainingPanel />
          <LiveViews />
          <ResultsPanel backend={backend} />
          <ExportPanel />
        </div>
      </div>
    </main>
  );
}
