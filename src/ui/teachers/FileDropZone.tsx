import { useId, useState, type DragEvent, type ReactNode } from 'react';
import { filesFromDrop, filesFromInput, type PathedFile } from '../data/dropFiles';

export interface FileDropZoneProps {
  /** The zone's accessible name, e.g. "Drop model files". */
  label: string;
  hint: ReactNode;
  onFiles(files: PathedFile[]): void;
  /** Keyboard-reachable pickers: each a labelled file input. */
  pickers: { label: string; accept?: string; folder?: boolean; testId: string }[];
  disabled?: boolean;
}

/** A drop zone with file pickers beside it, so everything a drop does is also reachable by keyboard. */
export function FileDropZone({ label, hint, onFiles, pickers, disabled = false }: FileDropZoneProps) {
  const [over, setOver] = useState(false);
  const id = useId();
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    if (disabled) return;
    void filesFromDrop(event.dataTransfer).then(onFiles);
  };
  return (
    <div
      role="region"
      aria-label={label}
      className={`drop-zone${over ? ' drop-zone-over' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p className="muted">{hint}</p>
      <div className="drop-pickers">
        {pickers.map((picker, i) => (
          <label key={picker.testId} htmlFor={`${id}-${i}`} className="file-picker">
            {picker.label}
            <input
              id={`${id}-${i}`}
              type="file"
              multiple
              disabled={disabled}
              accept={picker.accept}
              data-testid={picker.testId}
              // React has no typed prop for folder pickers; Chromium and Firefox read these attributes.
              {...(picker.folder ? { webkitdirectory: '', directory: '' } : {})}
              onChange={(event) => {
                const files = filesFromInput(event.currentTarget.files);
                event.currentTarget.value = ''; // the same files may be picked again
                if (files.length > 0) onFiles(files);
              }}
            />
          </label>
        ))}
      </div>
    </div>
  );
}
