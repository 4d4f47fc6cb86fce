import { useEffect, useId, useRef, useState } from 'react';
import type { ProjectionName } from '../../protocol/messages';
import { FactList, type Fact } from '../layout/FactList';
import { studioStore, useStudio } from '../store/studioStore';
import { trainingWorker } from '../workerClient';
import { resumeFromCheckpoint, trainingCommands, type CommandContext } from './trainingCommands';
import { accuracyText, fractionDone, lossText, progressText } from './runProgress';
import { useTrainingShortcuts } from './useTrainingShortcuts';
import { useCheckpointOnHide } from './useCheckpointOnHide';
import { startHint } from './startProblem';
import { MAX_PROBE_PER_CLASS } from '../../core/evaluation/probeSet';
import { countProblem } from '../method/configLimits';
import { useInputProblem } from '../method/useInputProblem';

/** The protocol's bound on the evaluation cadence (src/protocol/validate.ts). */
const MAX_EVALUATE_EVERY = 1_000_000;

const ctx: CommandContext = { store: studioStore, worker: trainingWorker };

function ResumeOffer() {
  const progress = useStudio((s) => s.progress);
  const { offer } = progress;
  if (!offer || progress.state === 'running') return null;
  return (
    <p>
      <button type="button" disabled={progress.busy} onClick={() => void resumeFromCheckpoint(ctx, offer.runId)}>
        Resume training from step {offer.step}
      </button>{' '}
      <span className="muted">
        of {offer.totalSteps}, saved {new Date(offer.savedAt).toLocaleString()}
      </span>
    </p>
  );
}

/**
 * A pressed command disables its own button (the call is in flight), and Chromium then drops
 * focus to <body>, stranding a keyboard user. Once the commands settle, focus goes to the
 * first enabled one, unless the user has moved on elsewhere.
 */
function useFocusReturn(group: React.RefObject<HTMLDivElement | null>, enabled: string) {
  const pending = useRef(false);
  useEffect(() => {
    const active = document.activeElement;
    if (!pending.current || !group.current || (active && active !== document.body && !group.current.contains(active))) return;
    const next = group.current.querySelector<HTMLButtonElement>('button:not(:disabled)');
    if (next) {
      next.focus();
      pending.current = false;
    }
  }, [group, enabled]);
  return () => void (pending.current = true);
}

function Controls() {
  const enabled = useStudio((s) => trainingCommands.map((c) => c.enabled(s)).join());
  const flags = enabled.split(',');
  const group = useRef<HTMLDivElement>(null);
  const returnFocus = useFocusReturn(group, enabled);
  return (
    <div role="group" aria-label="Training controls" className="controls" ref={group}>
      {trainingCommands.map((c, i) => (
        <button
          key={c.name}
          type="button"
          className={c.name === 'start' ? 'primary' : undefined}
          disabled={flags[i] !== 'true'}
          aria-keyshortcuts={c.key}
          title={`${c.label} (key ${c.key})`}
          onClick={() => {
            returnFocus();
            void c.perform(ctx);
          }}
        >
          {c.label}
        </button>
      ))}
    </div>
  );
}

/** A count the training panel takes; a bad one is shown and stops Start (the last good one stays in the store). */
function useCount(input: string, label: string, value: number, max: number, set: (n: number) => void) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText((t) => (Number(t) === value ? t : String(value))), [value]); // a resumed run's cadence
  const problem = countProblem(text, 1, max);
  useInputProblem(input, label, problem, text);
  const commit = (typed: string) => {
    setText(typed);
    if (countProblem(typed, 1, max) === null) set(Number(typed));
  };
  const alert = problem && (
    <span role="alert" className="field-problem">
      {' '}
      {label} {problem}.
    </span>
  );
  return { text, commit, problem, alert };
}

function Cadence() {
  const id = useId();
  const every = useStudio((s) => s.evaluateEvery);
  const { text, commit, problem, alert } = useCount('evaluateEvery', 'Evaluate every', every, MAX_EVALUATE_EVERY, studioStore.getState().setEvaluateEvery);
  return (
    <div className="field field-inline">
      <label htmlFor={id}>Evaluate every</label>
      <input
        id={id}
        type="number"
        min={1}
        step={1}
        value={text}
        aria-invalid={problem !== null}
        aria-describedby={`${id}-help`}
        onChange={(e) => commit(e.target.value)}
      />
      <small id={`${id}-help`} className="field-help" title="and at each epoch's end: test accuracy, cohesion and an embedding frame; applies at the next start">
        steps{alert}
      </small>
    </div>
  );
}

function Layout() {
  const id = useId();
  const projection = useStudio((s) => s.projection);
  return (
    <div className="field field-inline">
      <label htmlFor={id}>Embedding layout</label>
      <select id={id} value={projection} aria-describedby={`${id}-help`} onChange={(e) => studioStore.getState().setProjection(e.target.value as ProjectionName)}>
        <option value="pca">PCA</option>
        <option value="umap">UMAP</option>
      </select>
      <small id={`${id}-help`} className="field-help" title="PCA keeps distances and stable axes; UMAP shows clusters better but takes seconds a frame. Applies at the next start.">
        at the next start
      </small>
    </div>
  );
}

/** How many probe images a class the embedding plot shows; more points, a fuller picture, a slower frame. */
function ProbeSize() {
  const id = useId();
  const perClass = useStudio((s) => s.probePerClass);
  const { text, commit, problem, alert } = useCount('probePerClass', 'Probe images per class', perClass, MAX_PROBE_PER_CLASS, studioStore.getState().setProbePerClass);
  return (
    <div className="field field-inline">
      <label htmlFor={id}>Probe images per class</label>
      <input id={id} type="number" min={1} max={MAX_PROBE_PER_CLASS} step={1} value={text} aria-invalid={problem !== null} aria-describedby={`${id}-help`} onChange={(e) => commit(e.target.value)} />
      <small id={`${id}-help`} className="field-help" title="test images of each class in the embedding plot (200 gives MNIST's 2,000 points, the most a frame holds); cohesion keeps 50. Applies at the next start.">
        in the plot{alert}
      </small>
    </div>
  );
}

/** Item 4: start, pause, resume, step and stop the run in the worker, and its progress. */
export function TrainingPanel() {
  useTrainingShortcuts(ctx);
  useCheckpointOnHide(studioStore, trainingWorker);
  const p = useStudio((s) => s.progress);
  const waiting = useStudio(startHint);
  const rows: Fact[] = [
    ['training-state', 'State', p.state],
    ['training-progress', 'Progress', progressText(p)],
    ['training-loss', 'Last loss', lossText(p.loss)],
    ['training-accuracy', 'Joint accuracy', accuracyText(p.accuracy)],
    ['training-updates', 'Updates received', String(p.updates)],
  ];
  return (
    <section aria-labelledby="training-heading" className="panel training-panel">
      <div className="training-head">
        <h2 id="training-heading">Training</h2>
        <Controls />
        <progress className="progress" max={1} value={fractionDone(p)} aria-label="Training progress" />
      </div>
      <ResumeOffer />
      <div className="training-bar">
        <Cadence />
        <Layout />
        <ProbeSize />
      </div>
      <p aria-live="polite" className="muted training-message" data-field="training-message">
        {p.message ?? ''}
      </p>
      {waiting && (
        <p className="muted" data-field="start-hint">
          {waiting}
        </p>
      )}
      {p.error && (
        <p role="alert" className="status-error">
          {p.error}
        </p>
      )}
      <div className="training-facts">
        <FactList rows={rows} />
      </div>
    </section>
  );
}
