import type { BackendName, InitResult } from '../../protocol/messages';
import { FactList, type Fact } from '../layout/FactList';
import { InfoButton } from '../layout/InfoButton';
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

/**
 * One line in the header: the status, the backend switch and its details folded into a card
 * that opens over the page, so the header keeps its height when the worker becomes ready.
 */
export function WorkerStatusPanel({ backend }: { backend: BackendName | undefined }) {
  const status = useWorkerStatus(backend);
  const fallback = status.phase === 'ready' && status.result.reason.includes('fallback adapter only');
  return (
    <section aria-labelledby="worker-heading" className="worker-panel">
      <h2 id="worker-heading" className="visually-hidden">
        Training worker
      </h2>
      <p className="worker-line">
        <span role="status" className={`status status-${status.phase}`} title={statusText(status)}>
          {statusText(status)}
        </span>
        {fallback && <InfoButton entry="fallbackAdapter" />}
      </p>
      <div className="worker-tools">
        {status.phase === 'ready' && (
          <>
            <BackendSwitch current={status.result.backend} />
            <InfoButton entry="backend" />
            <details className="worker-details">
              <summary>Details</summary>
              <div className="worker-details-card">
                <WorkerFacts result={status.result} readyMs={status.readyMs} />
              </div>
            </details>
          </>
        )}
      </div>
    </section>
  );
}
