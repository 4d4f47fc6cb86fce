import { useId, useState } from 'react';
import { BACKEND_NAMES, type BackendName } from '../../protocol/messages';
import { useStudio } from '../store/studioStore';

/** The address of this page on another backend (?backend=, which backendQuery reads); the config hash is kept. */
export function backendUrl(href: string, backend: BackendName): string {
  const url = new URL(href);
  url.searchParams.set('backend', backend);
  return url.toString();
}

/**
 * Changing backend means a fresh worker with tfjs started on it, so the page reloads on
 * ?backend=. A run would be lost (its checkpoint is offered back), so not while one is live.
 */
export function BackendSwitch({ current }: { current: BackendName }) {
  const id = useId();
  const [choice, setChoice] = useState<BackendName>(current);
  const live = useStudio((s) => s.progress.state === 'running' || s.progress.state === 'paused');
  return (
    <div className="backend-switch">
      <label htmlFor={id}>Backend</label>
      <select id={id} value={choice} onChange={(e) => setChoice(e.target.value as BackendName)}>
        {BACKEND_NAMES.map((b) => (
          <option key={b} value={b}>
            {b}
          </option>
        ))}
      </select>
      <button type="button" disabled={live || choice === current} onClick={() => location.assign(backendUrl(location.href, choice))}>
        Reload on {choice}
      </button>
      {live && <small className="field-help">Stop the run first: a new backend starts a fresh worker.</small>}
    </div>
  );
}
