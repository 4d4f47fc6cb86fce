import type { BackendName, BackendTrialRow } from '../../protocol/messages';

export interface TrialChoice {
  backend: BackendName;
  reason: string;
}

const ms = (row: BackendTrialRow) => `${Math.round(row.msPerStep!)} ms/step`;

/** A working backend that was merely too slow still counts as usable for an override. */
const trains = (row: BackendTrialRow) => row.status !== 'failed';

/**
 * Picks from the trial table: the user's override if it trains at all, else the fastest
 * timed backend. A GPU gets no head start: WebGPU on a real adapter is chosen only where its
 * measured step beats wasm's (the rule; wasm beats a small GPU at small batches).
 * Null when none was timed.
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
  const next = timed[1];
  const lead = next ? `, ahead of ${next.backend} at ${ms(next)}` : ', the only backend timed';
  const what = fastest.kind === 'gpu' ? 'real GPU, ' : '';
  return { backend: fastest.backend, reason: `${unmet}fastest: ${what}${ms(fastest)}${lead}` };
}
