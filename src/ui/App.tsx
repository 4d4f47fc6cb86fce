import { useEffect } from 'react';
import type { BackendQuery } from './backendQuery';
import { TeachersPanel } from './TeachersPanel';
import { TrainingPanel } from './TrainingPanel';
import { installStudioHook, studioHook } from './testHook';
import { teacherLoads, trainingWorker } from './workerClient';
import { WorkerStatusPanel } from './WorkerStatusPanel';

export function App({ backendQuery }: { backendQuery: BackendQuery }) {
  useEffect(() => installStudioHook(window, studioHook(trainingWorker, teacherLoads)), []);
  return (
    <main className="shell">
      <header>
        <h1>CKA Studio</h1>
        <p className="subtitle">
          Knowledge amalgamation in your browser: several teacher classifiers train one student, from unlabelled
          images alone.
        </p>
      </header>
      {backendQuery.ok ? (
        <WorkerStatusPanel backend={backendQuery.backend} />
      ) : (
        <p role="alert" className="status status-error">
          {backendQuery.message}
        </p>
      )}
      <TeachersPanel />
      <TrainingPanel />
    </main>
  );
}
