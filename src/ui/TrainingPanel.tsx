import { FactList, type Fact } from './FactList';
import { useTraining, type TrainingCommand } from './trainingHook';
import { accuracyText, enabledButtons, lossText, progressText, type TrainingButton } from './trainingView';

const BUTTONS: [TrainingButton, TrainingCommand, string][] = [
  ['start', 'startTraining', 'Start training'],
  ['pause', 'pause', 'Pause'],
  ['resume', 'resume', 'Resume'],
  ['step', 'stepOnce', 'Step once'],
  ['stop', 'stopTraining', 'Stop'],
];

/** Start, pause, resume, step and stop a run in the worker, and watch its progress. */
export function TrainingPanel() {
  const { view, send, resumeOffer } = useTraining();
  const enabled = enabledButtons(view);
  const rows: Fact[] = [
    ['training-state', 'State', view.state],
    ['training-progress', 'Progress', progressText(view)],
    ['training-loss', 'Last loss', lossText(view.loss)],
    ['training-accuracy', 'Joint accuracy', accuracyText(view.accuracy)],
    ['training-updates', 'Updates received', String(view.updates)],
  ];
  return (
    <section aria-labelledby="training-heading">
      <h2 id="training-heading">Training</h2>
      {view.offer && view.state !== 'running' && (
        <p>
          <button type="button" disabled={view.busy} onClick={() => resumeOffer(view.offer!.runId)}>
            Resume training from step {view.offer.step}
          </button>{' '}
          <span className="muted">
            of {view.offer.totalSteps}, saved {new Date(view.offer.savedAt).toLocaleString()}
          </span>
        </p>
      )}
      <div role="group" aria-label="Training controls">
        {BUTTONS.map(([id, command, label]) => (
          <button key={id} type="button" disabled={!enabled.has(id)} onClick={() => send(command)}>
            {label}
          </button>
        ))}
      </div>
      <p aria-live="polite" className="muted" data-field="training-message">
        {view.message ?? ''}
      </p>
      {view.error && (
        <p role="alert" className="status status-error">
          {view.error}
        </p>
      )}
      <FactList rows={rows} />
    </section>
  );
}
