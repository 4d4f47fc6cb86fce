import type { BackendName, BackendTrialRow, BenchProgress, BenchTrainResult, RequestEnvelope, WorkerMessage } from '../../protocol/messages';
import { emptyReport, failedRow, timedRow, tooSlowRow, type ChildReport } from './backendTrialRows';

/** The part of a Worker the trial uses; unit tests pass a fake. */
export interface ChildWorker {
  onmessage: ((event: { data: WorkerMessage }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
  postMessage(message: RequestEnvelope): void;
  terminate(): void;
}

export interface ChildPlan {
  backend: BackendName;
  warmup: number;
  steps: number;
  /** From the backend's start to its last timed step; the child is terminated past it. */
  capMs: number;
  /** For loading the worker script, the teachers and the batch, and starting the backend. */
  startMs: number;
}

function record(report: ChildReport, progress: BenchProgress, sinceSpawn: number): void {
  if (progress.phase === 'started') {
    report.kind = progress.kind;
    report.device = progress.device;
    report.startMs = sinceSpawn;
    return;
  }
  (progress.warmup ? report.warmupMs : report.stepMs).push(progress.ms);
  report.losses.push(progress.loss);
}

/**
 * Times one backend in a fresh worker, which runs the ordinary benchTrain there. A step
 * cannot be interrupted from inside (a SwiftShader WebGPU step takes many seconds), but a
 * worker can be terminated: that is what makes the cap a cap, and it frees the backend's
 * tensors, buffers and device with it.
 */
export function trialInChild(spawn: () => ChildWorker, plan: ChildPlan): Promise<BackendTrialRow> {
  const report = emptyReport(plan.backend);
  return new Promise((resolve) => {
    const spawned = performance.now();
    const child = spawn();
    let timer = setTimeout(() => finish(failedRow(report, `did not start within ${plan.startMs} ms`)), plan.startMs);
    function finish(row: BackendTrialRow): void {
      clearTimeout(timer);
      child.onmessage = child.onerror = null;
      child.terminate();
      resolve(row);
    }
    child.onmessage = ({ data }) => {
      if (data.type === 'error') return finish(failedRow(report, `${data.error.code}: ${data.error.message}`));
      if (data.type === 'result') {
        const stopped = (data.result as BenchTrainResult).stoppedEarly;
        return finish(stopped ? tooSlowRow(report, stopped) : timedRow(report, plan.steps));
      }
      if (data.event.kind !== 'bench-progress') return;
      record(report, data.event.progress, performance.now() - spawned);
      if (data.event.progress.phase !== 'started') return;
      clearTimeout(timer);
      timer = setTimeout(() => finish(tooSlowRow(report, `over the ${plan.capMs} ms cap`)), plan.capMs);
    };
    child.onerror = (event) => finish(failedRow(report, `child worker failed: ${event.message || 'no message'}`));
    const { backend, warmup, steps, capMs } = plan;
    child.postMessage({ id: 1, request: { kind: 'benchTrain', backend, warmup, steps, capMs } });
  });
}
