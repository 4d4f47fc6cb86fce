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
  const t0 = onMain.reduce((least, e) => Math.min(least, e.ts), Infinity); // not Math.min(...): too many events for a call's arguments
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
  return { over50: cpu.filter((ms) => ms > minMs).length, longestCpuMs: Math.round(cpu.reduce((a, b) => Math.max(a, b), 0)), busyCpuMs: Math.round(cpu.reduce((a, b) => a + b, 0)) };
}

export interface InputTaskSplit {
  /** Main-thread CPU time of the task that set the files on the input and dispatched its change event. */
  inputTaskCpuMs: number;
  /** CPU time (wall where the trace gives none) of the page's own change handler inside that task; the rest is the browser building the FileList. */
  handlerMs: number;
  /** The longest main-thread task other than that one, by CPU time. */
  longestOtherCpuMs: number;
}

/**
 * Splits out the task in which a file input got its files: with a folder of 10,000 files the
 * browser builds 10,000 File objects in it before the page's change handler runs, work no page
 * code can shorten, so the drop-memory bench reports it apart from the tasks the page runs.
 */
export function inputTaskSplit(tracePath: string): InputTaskSplit {
  const { traceEvents } = JSON.parse(readFileSync(tracePath, 'utf8')) as { traceEvents: (TraceEvent & { tdur?: number })[] };
  const main = traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const onMain = traceEvents.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined);
  const tasks = onMain.filter((e) => e.name === 'RunTask' && e.tdur !== undefined);
  const change: (TraceEvent & { tdur?: number }) | undefined = onMain.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'change');
  const holder = change && tasks.find((t) => t.ts <= change.ts && change.ts + change.dur! <= t.ts + t.dur!);
  const others = tasks.filter((t) => t !== holder).map((t) => t.tdur! / 1000);
  return {
    inputTaskCpuMs: Math.round((holder?.tdur ?? 0) / 1000),
    handlerMs: Math.round((change?.tdur ?? change?.dur ?? 0) / 1000),
    // reduce, not Math.max(...): a 30,000-file drop traces more tasks than a call's arguments may number.
    longestOtherCpuMs: Math.round(others.reduce((a, b) => Math.max(a, b), 0)),
  };
}
