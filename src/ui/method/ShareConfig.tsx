import { useState } from 'react';
import type { RunConfig } from '../../core/method/config';
import { downloadBlob } from '../results/download';
import { configFromJson, configToJson, encodeConfigHash } from './configCodec';

/** The run's config as a link and as a JSON file, and loading one back. */
export function ShareConfig({ config, onLoad }: { config: RunConfig; onLoad(config: RunConfig): void }) {
  const [note, setNote] = useState<{ text: string; problem: boolean } | null>(null);

  const copyLink = async () => {
    const hash = encodeConfigHash(config);
    history.replaceState(null, '', hash); // the address bar is the shareable link even if the clipboard is refused
    const url = location.href;
    try {
      await navigator.clipboard.writeText(url);
      setNote({ text: 'Link copied: it opens the studio with this config.', problem: false });
    } catch {
      setNote({ text: 'The address bar now holds the link to this config (the clipboard was not available).', problem: false });
    }
  };

  const load = async (file: File | undefined) => {
    if (!file) return;
    const decoded = configFromJson(await file.text());
    if (decoded.ok) onLoad(decoded.config);
    setNote(decoded.ok ? { text: `Loaded ${file.name}.`, problem: false } : { text: `${file.name}: ${decoded.problem}`, problem: true });
  };

  return (
    <div className="share-config">
      <button type="button" onClick={() => void copyLink()}>
        Copy link to config
      </button>
      <button type="button" onClick={() => downloadBlob(new Blob([configToJson(config)], { type: 'application/json' }), `cka-config-${config.preset}-s${config.seed}.json`)}>
        Download config JSON
      </button>
      <label className="file-button">
        Load config JSON…
        <input type="file" accept="application/json,.json" onChange={(e) => void load(e.target.files?.[0])} />
      </label>
      {note && (
        <p role={note.problem ? 'alert' : undefined} aria-live="polite" className={note.problem ? 'status-error' : 'muted'} data-field="config-note">
          {note.text}
        </p>
      )}
    </div>
  );
}
