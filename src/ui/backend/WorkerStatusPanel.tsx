import type { BackendName, InitResult } from '../../protocol/messages';
import { FactList, type Fact } from '../layout/FactList';
import { BackendSwitch } from '../training/BackendSwitch';
import { useWorkerStatus, type WorkerStatus } from './useWorkerStatus';

function statusText(status: WorkerStatus): string {
  switch (status.phase) {
    case 'starting':
      return 'starting…';
    case 'ready':
      return `worker ready: backend ${status.result.backend} (${status.result.reason})`;
    case 'error':
      return `worker failed: ${status.message}`;
  }
}

const onOff = (value: boolean | null) => (value === null ? 'n/a' : value ? 'on' : 'off');

function adapterText(result: InitResult): string {
  const info = result.adapterInfo;
  if (!info) return 'none';
  const name = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unnamed';
  return info.isFallbackAdapter ? `${name} (fallback)` : name;
}

/** Facts about the started worker; `data-field` names let tests read values, not prose. */
function WorkerFacts({ result, readyMs }: { result: InitResult; readyMs: number }) {
  const threads = result.threads ? `${onOff(result.threads)} (${result.threadsCount})` : onOff(result.threads);
  const rows: Fact[] = [
    ['backend', 'Backend', result.backend],
    ['threads', 'Wasm threads', threads],
    ['simd', 'Wasm SIMD', onOff(result.simd)],
    ['wasm-binary', 'Wasm binary', result.wasmBinary ?? 'n/a'],
    ['isolated', 'Cross-origin isolated', result.crossOriginIsolated ? 'yes' : 'no'],
    ['adapter', 'WebGPU adapter', adapterText(result)],
    ['checksum', `${result.smoke.operation} checksum`, String(result.smoke.checksum)],
    ['expected', 'Expected checksum', String(result.smoke.expected)],
    ['ready-ms', 'Ready after', `${Math.round(readyMs)} ms`],
  ];
  return <FactList rows={rows} />;
}

export function WorkerStatusPanel({ backend }: { backend: BackendName | undefined }) {
  const status = useWorkerStatus(backend);
  return (
    <section aria-labelledby="worker-heading" className="panel worker-panel">
      <h2 id="worker-heading">Training worker</h2>
      <p role="status" className={`status status-${status.phase}`}>
        {statusText(status)}
      </p>
      {status.phase === 'ready' && <BackendSwitch current={status.result.backend} />}
      {status.phase === 'ready' && (
        <details className="worker-details">
          <summary>Backend details</summary>
          <WorkerFacts result={status.result} readyMs={status.readyMs} />
        </details>
      )}
    </section>
  );
}
