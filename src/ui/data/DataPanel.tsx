import { builtInData, type TransferData } from '../../core/method/config';
import { useStudio } from '../store/studioStore';
import type { DroppedImageSet } from '../store/dataSlice';
import { errorText } from '../../protocol/errors';
import { Step } from '../layout/Step';
import { FileDropZone } from '../teachers/FileDropZone';
import { builtInTitles, dropHint, skippedText, summaryText } from './dataText';
import { dropResolution } from './dropResolution';
import { imageDrops } from './imageDropClient';
import { PreviewGrid } from './PreviewGrid';

function Choice({ value, title, detail }: { value: TransferData; title: string; detail?: string }) {
  const chosen = useStudio((s) => s.transfer === value);
  const setTransfer = useStudio((s) => s.setTransfer);
  return (
    <label className="data-choice">
      <input type="radio" name="transfer-data" value={value} checked={chosen} onChange={() => setTransfer(value)} />
      {title}
      {detail && <span className="muted"> — {detail}</span>}
    </label>
  );
}

function DroppedSetFacts({ set }: { set: DroppedImageSet }) {
  const skipped = skippedText(set.transfer.skipped);
  const evalSkipped = set.evaluation ? skippedText(set.evaluation.skipped) : null;
  return (
    <div className="dropped-set" data-dropped-set={set.id}>
      <p data-field="transfer-summary">Transfer images: {summaryText(set.transfer)}</p>
      {skipped && <p className="muted">{skipped}</p>}
      <p data-field="evaluation-summary">
        {set.evaluation
          ? `Evaluated on: ${summaryText(set.evaluation)}`
          : "No labelled folder yet: the student is evaluated on the built-in test set of its teachers' data"}
      </p>
      {evalSkipped && <p className="muted">{evalSkipped}</p>}
      <FileDropZone
        label="Drop a labelled folder"
        hint="Optional: a folder with one sub-folder per class (named like the teachers' labels), to evaluate the student on."
        onFiles={(files) => void imageDrops.evaluation(set.id, files)}
        pickers={[{ label: 'Choose a labelled folder', folder: true, testId: 'evaluation-folder' }]}
      />
    </div>
  );
}

/** The chosen transfer set in a few words, for the folded step's heading. */
function dataTitle(transfer: string, dropped: DroppedImageSet[]): string {
  const set = dropped.find((d) => d.id === transfer);
  if (set) return `${set.name} (dropped)`;
  return transfer in builtInTitles ? builtInTitles[transfer as keyof typeof builtInTitles] : transfer;
}

/** Step 2, the transfer set: a built-in one with a preview, or a dropped folder of PNG/JPEG images. */
export function DataPanel() {
  const transfer = useStudio((s) => s.transfer);
  const dropped = useStudio((s) => s.droppedImageSets);
  const notice = useStudio((s) => s.dataNotice);
  const chosenDrop = dropped.find((d) => d.id === transfer);
  const side = useStudio(dropResolution);
  const auto = useStudio((s) => s.draft.resolution === 'auto');
  return (
    <Step id="data" number={2} title="Data" summary={dataTitle(transfer, dropped)} info="transferData">
      <fieldset className="data-choices">
        <legend>Transfer images (the student never sees their labels)</legend>
        {builtInData.map((id) => (
          <Choice key={id} value={id} title={builtInTitles[id]} />
        ))}
        {dropped.map((set) => (
          <Choice key={set.id} value={set.id} title={`${set.name} (dropped)`} detail={`${set.transfer.count.toLocaleString('en-US')} images`} />
        ))}
      </fieldset>
      <FileDropZone
        label="Drop transfer images"
        hint={dropHint(side, auto)}
        onFiles={(files) => void imageDrops.transfer(files)}
        pickers={[
          { label: 'Choose an image folder', folder: true, testId: 'transfer-folder' },
          { label: 'Choose image files', accept: 'image/png,image/jpeg', testId: 'transfer-files' },
        ]}
      />
      {notice?.state === 'loading' && (
        <p className="muted" aria-live="polite">
          {notice.text}
        </p>
      )}
      {notice?.state === 'failed' && (
        <p role="alert" className="status-error">
          {notice.text}: {errorText(notice.error)}
        </p>
      )}
      {chosenDrop && <DroppedSetFacts set={chosenDrop} />}
      <PreviewGrid data={transfer} />
    </Step>
  );
}
