import type { LossTermName } from '../../src/core/method/amalgamationLoss';
import type { RunConfig } from '../../src/core/method/config';
import { teacherKdApplies } from '../../src/core/method/config/lossUse';
import type { StepProgress } from '../../src/core/method/runAmalgamation';

const shortNames: Record<LossTermName, string> = {
  kd: 'kd',
  teacherKd: 'tkd',
  intra: 'intra',
  inter: 'inter',
  align: 'align',
  instanceInter: 'iinter',
  instanceIntra: 'iintra',
  cflMmd: 'mmd',
  cflReconstruction: 'rec',
  supervised: 'sup',
};

/** The terms this config trains with; the step result reports every term, zeros included. */
export function activeTerms(config: RunConfig): LossTermName[] {
  if (config.supervised) return ['supervised'];
  const w = config.weights;
  return (['kd', 'teacherKd', 'intra', 'inter', 'align', 'instanceInter', 'instanceIntra', 'cflMmd', 'cflReconstruction'] as const).filter((n) => w[n] > 0 && (n !== 'teacherKd' || teacherKdApplies(config)));
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  const [h, m] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60)];
  const mmss = `${m}:${String(s % 60).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss.padStart(5, '0')}` : mmss;
}

function progressLine(p: StepProgress, epochs: number, terms: LossTermName[]): string {
  const filled = Math.round((20 * p.step) / Math.max(1, p.totalSteps));
  const bar = '#'.repeat(filled) + '-'.repeat(20 - filled);
  const losses = terms.map((n) => `${shortNames[n]} ${p.result.terms[n].toPrecision(3)}`).join(' ');
  return `epoch ${p.epoch}/${epochs} [${bar}] ${p.step}/${p.totalSteps} ${Math.round(p.imagesPerSecond)} img/s ETA ${formatDuration(p.etaSeconds)}  ${losses}`;
}

export interface Progress {
  update(p: StepProgress): void;
  /** Removes the bar so that a normal line can be printed; the next update redraws it. */
  clear(): void;
}

/**
 * On a terminal the bar redraws in place; in a log (CI, a file) it writes one line per tenth of
 * the run, so logs stay short but still show that the run is alive.
 */
export function createProgress(stream: NodeJS.WriteStream, config: RunConfig): Progress {
  const terms = activeTerms(config);
  let shown = false;
  let lastTenth = -1;
  const fit = (line: string) => (stream.columns ? line.slice(0, stream.columns - 1) : line);
  return {
    update(p) {
      const line = progressLine(p, config.epochs, terms);
      if (stream.isTTY) {
        stream.write(`\r\x1b[2K${fit(line)}`);
        shown = true;
        return;
      }
      const tenth = Math.floor((10 * p.step) / Math.max(1, p.totalSteps));
      if (tenth > lastTenth) stream.write(`${line}\n`);
      lastTenth = Math.max(lastTenth, tenth);
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
