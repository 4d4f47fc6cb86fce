import { expect, test, type Page } from '@playwright/test';
import { settingA } from '../../scripts/bench/settingA';
import { seriesTable, timeToStudent, timeToStudentLine, type TimedEvaluation } from '../../scripts/bench/timeToStudent';
import { loadNow, provenance, writeTimeToStudentRecord, type TimeToStudentRecord } from '../../scripts/bench/timeToStudentRecord';
import { callWorkerOk, openStudio } from '../studio';

/**
 * Time-to-student in the browser (issue 15): the studio as a user opens it, setting (a) with
 * the default config (the two MNIST teachers, MNIST, the cka preset, every transfer image for
 * the default epochs, evaluated every 50 steps: the studio's default cadence) on the wasm backend, timed
 * from the click on Start to each evaluation the page receives, then the same headline as the
 * CLI's (scripts/bench/timeToStudent.ts). The user's clock counts everything after Start: the
 * worker loading the data and teachers, the builder's pre-pass, the steps, the evaluations and
 * the embedding frame that follows each.
 *
 * The evaluations are read from the worker's own messages to the page: an init script listens
 * on every Worker the page makes and stamps each training event with Date.now(), nothing in
 * the production code changes. Writes runs/bench/time-to-student-browser-<stamp>.json.
 *
 * Not part of the suite: playwright.config.ts ignores it unless E2E_BENCH=time-to-student.
 * TTS_TRANSFER=<images> trains on fewer transfer images (a smaller, stated budget);
 * TTS_EVERY=<steps> changes the cadence; TTS_MINUTES bounds the wait (default 60).
 */
const TRANSFER = Number(process.env.TTS_TRANSFER ?? 0);
const EVERY = Number(process.env.TTS_EVERY ?? 50);
const MINUTES = Number(process.env.TTS_MINUTES ?? 60);

interface Stamped {
  at: number;
  kind: string;
  step?: number;
  accuracy?: number;
}

/** Source text (tsx would wrap a function in a helper the page lacks; see mainThreadMonitor.ts). */
const LISTEN_SOURCE = `(() => {
  const Native = window.Worker;
  const seen = (window.__timeToStudent = []);
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      this.addEventListener('message', (e) => {
        const m = e.data;
        if (!m || m.type !== 'event' || !String(m.event?.kind).startsWith('training-')) return;
        const { kind } = m.event;
        if (kind === 'training-evaluation') seen.push({ at: Date.now(), kind, step: m.event.evaluation.step, accuracy: m.event.evaluation.jointAccuracy });
        else if (!seen.some((s) => s.kind === kind)) seen.push({ at: Date.now(), kind });
      });
    }
  };
})()`;

const DONE = `['complete', 'failed', 'stopped'].includes(document.querySelector('dd[data-field="training-state"]')?.textContent ?? '')`;

/** Where the session evaluates (TrainingSession.advance): every EVERY steps, and at the end of each epoch. */
function evaluationSteps(totalSteps: number, epochs: number): number[] {
  const steps = new Set<number>();
  for (let s = EVERY; s <= totalSteps; s += EVERY) steps.add(s);
  for (let e = 1; e <= epochs; e++) steps.add((totalSteps / epochs) * e);
  return [...steps].sort((a, b) => a - b);
}

async function configure(page: Page): Promise<void> {
  const pick = (scope: string) => page.locator(scope).getByRole('checkbox', { name: /^Pick .* for the run$/ });
  for (const box of await pick('li[data-teacher]').all()) await box.uncheck();
  for (const id of settingA().teachers) await pick(`li[data-teacher="${id}"]`).check();
  const method = page.getByRole('region', { name: 'Method' });
  await method.getByLabel('Preset').selectOption('cka');
  if (TRANSFER !== 0) await method.getByLabel('Transfer images').fill(String(TRANSFER));
  if (EVERY !== 50) await page.getByLabel('Evaluate every').fill(String(EVERY));
}

test(`time to student: setting (a), default config${TRANSFER ? `, ${TRANSFER} transfer images` : ''}, on wasm`, async ({ page }) => {
  test.setTimeout((MINUTES + 3) * 60_000);
  await page.addInitScript(LISTEN_SOURCE);
  const { errors } = await openStudio(page, '?backend=wasm');
  await configure(page);
  const where = provenance();

  const started = Date.now();
  await page.getByRole('button', { name: 'Start training' }).click();
  // One cheap check a second: an expect poll would build an aria snapshot on the page's main thread.
  await page.waitForFunction(DONE, undefined, { polling: 1_000, timeout: MINUTES * 60_000 });
  const after = loadNow();

  const state = await callWorkerOk(page, { kind: 'trainingState' });
  const seen = (await page.evaluate('window.__timeToStudent')) as Stamped[];
  const since = (at: number) => (at - started) / 1000;
  const points: TimedEvaluation[] = seen.filter((s) => s.kind === 'training-evaluation').map((s) => ({ step: s.step!, seconds: since(s.at), accuracy: s.accuracy! }));
  const phases = Object.fromEntries(seen.filter((s) => s.kind !== 'training-evaluation').map((s) => [`first ${s.kind}`, since(s.at)]));
  const headline = timeToStudent(points);

  console.log(`\n${seriesTable(points)}\n\nphases (s since Start, the first event of each kind): ${JSON.stringify(phases)}`);
  console.log(headline ? `browser ${timeToStudentLine(headline)}` : 'browser: no evaluation arrived');
  const record: TimeToStudentRecord = {
    kind: 'cka-studio-time-to-student',
    side: 'browser',
    startedAt: where.startedAt,
    command: ['E2E_BENCH=time-to-student', ...(TRANSFER ? [`TTS_TRANSFER=${TRANSFER}`] : []), ...(EVERY !== 50 ? [`TTS_EVERY=${EVERY}`] : []), 'npx', 'playwright', 'test', 'e2e/bench/timeToStudent.spec.ts'],
    gitCommit: where.gitCommit,
    gitDirty: where.gitDirty,
    machine: { cpu: where.cpu, cores: where.cores, node: process.version, backend: state.backend ?? 'unknown' },
    load: { before: where.load, after },
    config: state.config ?? settingA(TRANSFER),
    evaluateEvery: EVERY,
    totalSteps: state.totalSteps,
    phases,
    points,
    headline,
    notes: [`browser ${page.context().browser()?.version() ?? '?'}`, 'Start = the click on Start training; the worker loading data and teachers, the pre-pass, every evaluation and its embedding frame count'],
  };
  console.log(`record: ${writeTimeToStudentRecord('runs/bench', record)}`);

  expect(state.state).toBe('complete');
  expect(state.config, 'the run trained the config the CLI measures').toEqual(settingA(TRANSFER));
  expect(points.map((p) => p.step), 'an evaluation every EVERY steps and at each epoch’s end').toEqual(evaluationSteps(state.totalSteps, settingA(TRANSFER).epochs));
  expect(errors).toEqual([]);
});
