/**
 * Counts calls to some methods of one object while `f` runs, by shadowing them with counting
 * own properties that forward to the originals; the shadows are removed afterwards. Used on
 * tfjs's WebGPU backend (runWebGPUProgram = one dispatch, submitQueue, getBufferData = one
 * GPU-to-CPU readback), whose counters are private or reset on every submit.
 */
export async function countCalls(target: object, names: readonly string[], f: () => Promise<unknown>): Promise<Record<string, number>> {
  const obj = target as Record<string, unknown>;
  const counts: Record<string, number> = {};
  const shadowed: string[] = [];
  for (const name of names) {
    const original = obj[name];
    if (typeof original !== 'function') throw new Error(`countCalls: ${name} is not a method of this object`);
    counts[name] = 0;
    if (Object.prototype.hasOwnProperty.call(obj, name)) throw new Error(`countCalls: ${name} is already an own property`);
    obj[name] = function (this: unknown, ...args: unknown[]) {
      counts[name]++;
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
    shadowed.push(name);
  }
  try {
    await f();
  } finally {
    for (const name of shadowed) delete obj[name];
  }
  return counts;
}
