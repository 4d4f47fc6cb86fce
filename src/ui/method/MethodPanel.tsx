import { useEffect, useState } from 'react';
import type { PresetName, RunConfig } from '../../core/method/config';
import { numberValue } from '../store/methodSlice';
import { chosenTransfer, pickedTeachers } from '../store/runInputs';
import { studioStore, useStudio } from '../store/studioStore';
import { ChoiceInput } from './ChoiceInput';
import { decodeConfigHash } from './configCodec';
import { MethodDocLink } from './MethodDocLink';
import { configWarnings } from './configWarnings';
import { modelFields, presetText, runFields, weightNames } from './methodFields';
import { NumberInput } from './NumberInput';
import { ShareConfig } from './ShareConfig';

/** Reads a config from the page's link (on load and when the hash changes); a bad one is reported, not used. */
function useConfigFromLink(): string | null {
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const read = () => {
      const decoded = decodeConfigHash(location.hash);
      if (decoded?.ok) studioStore.getState().replaceDraft(decoded.config);
      setProblem(decoded && !decoded.ok ? decoded.problem : null);
    };
    read();
    // A link pasted into this tab changes only the hash: no reload, so listen for it.
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, []);
  return problem;
}

/** Which teachers and data the run will use, and where that choice is made. */
function RunInputs() {
  const teachers = useStudio(pickedTeachers);
  const transfer = useStudio(chosenTransfer);
  return (
    <p className="muted run-inputs">
      Teachers: <strong data-field="method-teachers">{teachers.join(', ') || 'none picked'}</strong> · transfer data:{' '}
      <strong data-field="method-data">{transfer}</strong> <span>(chosen in the Teachers and Data panels)</span>
    </p>
  );
}

function Warnings({ draft }: { draft: RunConfig }) {
  const warnings = configWarnings(draft);
  if (warnings.length === 0) return null;
  return (
    <ul className="warnings" aria-label="Unusual choices">
      {warnings.map((w) => (
        <li key={w.field} data-warning={w.field}>
          {w.text}
        </li>
      ))}
    </ul>
  );
}

/** Every hyper-parameter past the basic ones, folded away until asked for. */
function MethodDetails({ draft }: { draft: RunConfig }) {
  const { setField, setNumber } = studioStore.getState(); // actions never change
  return (
    <details className="method-details">
      <summary>All hyper-parameters</summary>
      <div className="field-grid">
        <ChoiceInput field="optimizer" value={draft.optimizer} onChange={(v) => setField('optimizer', v as RunConfig['optimizer'])} />
        <ChoiceInput field="taskMode" value={draft.taskMode} onChange={(v) => setField('taskMode', v as RunConfig['taskMode'])} />
        <ChoiceInput field="combiner" value={draft.combiner} onChange={(v) => setField('combiner', v as RunConfig['combiner'])} />
        <ChoiceInput field="alignVariant" value={draft.alignVariant} onChange={(v) => setField('alignVariant', v as RunConfig['alignVariant'])} />
        {modelFields.map((f) => (
          <NumberInput key={f} field={f} value={numberValue(draft, f)} onChange={(v) => setNumber(f, v)} />
        ))}
      </div>
      <fieldset className="field-grid">
        <legend>Loss weights</legend>
        {weightNames.map((w) => (
          <NumberInput key={w} field={`weights.${w}`} value={draft.weights[w]} onChange={(v) => setNumber(`weights.${w}`, v)} />
        ))}
      </fieldset>
      <div className="field field-check">
        <label>
          <input type="checkbox" checked={draft.supervised} onChange={(e) => setField('supervised', e.target.checked)} /> Supervised (oracle)
        </label>
        <small className="field-help">Trains on true labels instead of teachers: an upper bound to compare against.</small>
      </div>
    </details>
  );
}

/** Item 3 of the studio: preset, every hyper-parameter with its range and meaning, sharing. */
export function MethodPanel() {
  const draft = useStudio((s) => s.draft);
  const { choosePreset, replaceDraft, setNumber } = studioStore.getState(); // actions never change
  const linkProblem = useConfigFromLink();
  return (
    <section aria-labelledby="method-heading" className="panel">
      <h2 id="method-heading">Method</h2>
      {linkProblem && (
        <p role="alert" className="status-error">
          The link's config was not used: {linkProblem}
        </p>
      )}
      <ChoiceInput field="preset" value={draft.preset} onChange={(v) => (v === 'custom' ? replaceDraft({ ...draft, preset: 'custom' }) : choosePreset(v as PresetName))} />
      <p className="muted" data-field="preset-text">
        {presetText[draft.preset]}
      </p>
      <MethodDocLink />
      <RunInputs />
      <div className="field-grid">
        {runFields.map((f) => (
          <NumberInput key={f} field={f} value={numberValue(draft, f)} onChange={(v) => setNumber(f, v)} />
        ))}
      </div>
      <Warnings draft={draft} />
      <MethodDetails draft={draft} />
      <ShareConfig config={draft} onLoad={replaceDraft} />
    </section>
  );
}
