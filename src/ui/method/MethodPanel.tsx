import { useEffect, useMemo, useState } from 'react';
import type { PresetName, RunConfig } from '../../core/method/config';
import { configWarnings } from '../../core/method/config/fieldRules';
import { chosenTransfer, pickedTeachers, withRunInputs } from '../store/runInputs';
import { studioStore, useStudio } from '../store/studioStore';
import { InfoButton } from '../layout/InfoButton';
import { Step } from '../layout/Step';
import { ChoiceInput } from './ChoiceInput';
import { decodeConfigHash } from './configCodec';
import { MethodDocLink } from './MethodDocLink';
import { ConfigField } from './ConfigField';
import { detailFields, presetOptionText, presetText, presetTitle, runFields, supervisionFields, weightFields } from './methodFields';
import { ShareConfig } from './ShareConfig';
import { StudentSize } from './StudentSize';
import { batchProblem, unknownTeachers } from '../training/startProblem';

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
  // A link can name a teacher no card or drop has (a typo, a stale link): say so now, not at Start.
  const unknown = useStudio((s) => unknownTeachers(s, s.pickedTeacherIds).join(', '));
  return (
    <>
      <p className="muted run-inputs">
        Teachers: <strong data-field="method-teachers">{teachers.join(', ') || 'none picked'}</strong> · transfer data:{' '}
        <strong data-field="method-data">{transfer}</strong> <span>(chosen in the Teachers and Data panels)</span>
      </p>
      {unknown && (
        <p role="alert" className="status-error" data-field="unknown-teachers">
          The run names teachers this studio does not have: {unknown}. Drop those models in the Teachers panel, or{' '}
          <button type="button" onClick={() => unknown.split(', ').forEach((id) => studioStore.getState().setTeacherPicked(id, false))}>
            leave them out
          </button>
        </p>
      )}
    </>
  );
}

function Warnings({ draft }: { draft: RunConfig }) {
  const batch = useStudio((s) => batchProblem(s, { ...draft, data: chosenTransfer(s) }));
  const warnings = [...configWarnings(draft), ...(batch ? [{ field: 'batchSize', text: batch }] : [])];
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
  return (
    <details className="method-details">
      <summary>All hyper-parameters</summary>
      <div className="field-grid">
        {detailFields.map((f) => (
          <ConfigField key={f} field={f} draft={draft} note={f === 'studentArch' ? <StudentSize draft={draft} /> : undefined} />
        ))}
      </div>
      <fieldset className="field-grid">
        <legend>Loss weights</legend>
        {weightFields.map((f) => (
          <ConfigField key={f} field={f} draft={draft} />
        ))}
      </fieldset>
      {supervisionFields.map((f) => (
        <ConfigField key={f} field={f} draft={draft} />
      ))}
    </details>
  );
}

/** The config a link or a file shares: the draft with the teachers and data picked in their panels. */
function useSharedConfig(draft: RunConfig): RunConfig {
  const teachers = useStudio(pickedTeachers);
  const data = useStudio(chosenTransfer);
  return useMemo(() => withRunInputs(draft, teachers, data), [draft, teachers, data]);
}

/** The method's terms, each with its glossary card: the words the preset line and the fields use. */
function MethodTerms() {
  return (
    <p className="method-terms muted">
      Terms: soft targets <InfoButton entry="softTargets" /> · pseudo-label <InfoButton entry="pseudoLabel" /> · common space <InfoButton entry="commonSpace" /> · intra-model contrastive{' '}
      <InfoButton entry="intraContrastive" /> · inter-model contrastive <InfoButton entry="interContrastive" /> · sample-level alignment <InfoButton entry="alignment" /> · tau{' '}
      <InfoButton entry="tau" />
    </p>
  );
}

/** The preset's human name with its id in small type, as the CLI and run records spell it. */
function PresetLine({ preset }: { preset: RunConfig['preset'] }) {
  return (
    <p className="muted preset-line" data-field="preset-text">
      <strong>{presetTitle[preset]}</strong> <code className="preset-id">{preset}</code> — {presetText[preset]}
    </p>
  );
}

/** Step 3 of the studio: preset, every hyper-parameter with its range and meaning, sharing. */
export function MethodPanel() {
  const draft = useStudio((s) => s.draft);
  const { choosePreset, replaceDraft } = studioStore.getState(); // actions never change
  const shared = useSharedConfig(draft);
  const linkProblem = useConfigFromLink();
  return (
    <Step id="method" number={3} title="Method" summary={presetTitle[draft.preset]} info="preset">
      {linkProblem && (
        <p role="alert" className="status-error">
          The link's config was not used: {linkProblem}
        </p>
      )}
      <ChoiceInput field="preset" value={draft.preset} optionText={presetOptionText} onChange={(v) => (v === 'custom' ? replaceDraft({ ...draft, preset: 'custom' }) : choosePreset(v as PresetName))} />
      <PresetLine preset={draft.preset} />
      <MethodTerms />
      <MethodDocLink />
      <RunInputs />
      <div className="field-grid">
        {runFields.map((f) => (
          <ConfigField key={f} field={f} draft={draft} />
        ))}
      </div>
      <Warnings draft={draft} />
      <MethodDetails draft={draft} />
      <ShareConfig config={shared} onLoad={replaceDraft} />
    </Step>
  );
}
