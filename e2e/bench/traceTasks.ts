import { readFileSync } from 'node:fs';

/**
 * Reads a Chrome trace (browser.startTracing, devtools.timeline categories) and says what
 * the page's long main-thread tasks spent their time on: the trace names the work (a worker
 * message, an animation frame, layout, paint, GC, a JS function) where the longtask entry
 * only gives a duration. Used by liveViews.spec.ts when LIVE_TRACE is set.
 */
interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { type?: string; functionName?: string; url?: string; lineNumber?: number } };
}

export interface LongTaskCause {
  atMs: number;
  ms: number;
  /** The biggest pieces inside the task, e.g. "EventDispatch message 120", "Layout 30". */
  parts: string[];
}

const label = (e: TraceEvent): string => {
  const d = e.args?.data;
  if (e.name === 'EventDispatch' || e.name === 'TimerFire') return `${e.name} ${d?.type ?? ''}`.trim();
  if (e.name === 'FunctionCall') return `FunctionCall ${d?.functionName || '(anonymous)'} ${(d?.url ?? '').split('/').pop()}:${d?.lineNumber ?? ''}`;
  return e.name;
};

/** Tasks over `minMs` on the renderer main thread, each with its largest child events. */
export function longTaskCauses(tracePath: string, minMs = 50): LongTaskCause[] {
  const { traceEvents } = JSON.parse(readFileSync(tracePath, 'utf8')) as { traceEvents: TraceEvent[] };
  const main = traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return [];
  const onMain = traceEvents.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined);
  const tasks = onMain.filter((e) => (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.dur! >= minMs * 1000);
  const t0 = Math.min(...onMain.map((e) => e.ts));
  return tasks.map((task) => {
    const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur! <= task.ts + task.dur! && e.dur! >= 2000);
    const parts = inside
      .sort((a, b) => b.dur! - a.dur!)
      .slice(0, 8)
      .map((e) => `${label(e)} ${Math.round(e.dur! / 1000)}`);
    return { atMs: Math.round((task.ts - t0) / 1000), ms: Math.round(task.dur! / 1000), parts };
  });
}

export interface MainThreadCpu {
  /** Top-level tasks on the page's main thread whose CPU time (tdur) was over 50 ms. */
  over50: number;
  longestCpuMs: number;
  /** CPU time of all main-thread tasks together: the page's total work, however it was cut up. */
  busyCpuMs: number;
}

/**
 * The same tasks by thread CPU time rather than wall time: on a loaded machine a task's wall
 * time includes the time the OS ran something else, so this is the figure to compare
 * builds by when other jobs share the cores.
 */
export function mainThreadCpu(tracePath: string, minMs = 50): MainThreadCpu {
  const { traceEvents } = JSON.parse(readFileSync(tracePath, 'utf8')) as { traceEvents: (TraceEvent & { tdur?: number })[] };
  const main = traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const tasks = traceEvents.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.name === 'RunTask' && e.tdur !== undefined);
  const cpu = tasks.map((e) => e.tdur! / 1000);
  return { over50: cpu.filter((ms) => ms > minMs).length, longestCpuMs: Math.round(Math.max(0, ...cpu)), busyCpuMs: Math.round(cpu.reduce((a, b) => a + b, 0)) };
}
