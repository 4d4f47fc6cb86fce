import type { BackendName, BackendTrialRow } from '../../protocol/messages';

/**
 * A real GPU wins unless it is this much slower than the fastest backend: at batch 64 the
 * gap is small, a GPU's lead grows with the batch, and it leaves the CPU to the page.
 */
export const GPU_PREFERENCE = 1.25;

export interface TrialChoice {
  backend: BackendName;
  reason: string;
}

const ms = (row: BackendTrialRow) => `${Math.round(row.msPerStep!)} ms/step`;

/** A working backend that was merely too slow still counts as usable for an override. */
const trains = (row: BackendTrialRow) => row.status !== 'failed';

/**
 * Picks from the trial table: the user's override if it trains at all, else the fastest
 * timed backend, or a real GPU within GPU_PREFERENCE of it. Null when none was timed.
 */
export function chooseBackend(rows: readonly BackendTrialRow[], preferred?: BackendName): TrialChoice | null {
  const timed = rows.filter((r) => r.status === 'timed').sort((a, b) => a.msPerStep! - b.msPerStep!);
  const fastest = timed[0];
  const requested = rows.find((r) => r.backend === preferred && trains(r));
  if (requested) {
    const vs = fastest && fastest !== requested ? `; fastest was ${fastest.backend} at ${ms(fastest)}` : '';
    return { backend: requested.backend, reason: `requested${vs}` };
  }
  const unmet = preferred ? `requested ${preferred} does not train here; ` : '';
  if (!fastest) return null;
  const gpu = timed.find((r) => r.kind === 'gpu');
  if (gpu && gpu !== fastest && gpu.msPerStep! <= fastest.msPerStep! * GPU_PREFERENCE) {
    return { backend: gpu.backend, reason: `${unmet}real GPU at ${ms(gpu)}, within ${GPU_PREFERENCE}x of ${fastest.backend} at ${ms(fastest)}` };
  }
  const next = timed[1];
  const lead = next ? `, ahead of ${next.backend} at ${ms(next)}` : ', the only backend timed';
  return { backend: fastest.backend, reason: `${unmet}fastest: ${ms(fastest)}${lead}` };
}
