import { memo, useId, useMemo, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { seriesPoints } from './boundedSeries';
import { ChartCard } from './ChartCard';
import { activeTerms, lossRows, type ChartRow } from './chartRows';
import { seriesColour } from './palette';
import { useStudio } from '../store/studioStore';
import { useStaggered } from './staggered';

function LossTools({ log, setLog, smoothing, setSmoothing }: { log: boolean; setLog(v: boolean): void; smoothing: number; setSmoothing(v: number): void }) {
  const id = useId();
  return (
    <>
      <label className="inline-control">
        <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} /> Log scale
      </label>
      <label className="inline-control" htmlFor={id}>
        Smoothing
      </label>
      <input id={id} type="range" min={0} max={0.95} step={0.05} value={smoothing} onChange={(e) => setSmoothing(Number(e.target.value))} />
      <span className="muted tabular">{smoothing.toFixed(2)}</span>
    </>
  );
}

/** At most two loss redraws a second: each is a full recharts render of up to 400 points per term. */
const LOSS_REDRAW_MS = 500;

/**
 * The recharts part, memoised: it re-renders only when its rows, series or scale change,
 * not when the card around it does (a tool toggled, a parent render).
 */
const LossPlot = memo(function LossPlot({ rows, names, log }: { rows: ChartRow[]; names: string[]; log: boolean }) {
  return (
    <ResponsiveContainer width="100%" height={210}>
      <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.4} />
        <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} tickCount={6} />
        <YAxis scale={log ? 'log' : 'linear'} domain={['auto', 'auto']} allowDataOverflow width={52} tickFormatter={(v: number) => (v >= 10 ? v.toFixed(0) : v.toPrecision(2))} />
        <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} labelFormatter={(s) => `step ${s}`} />
        <Legend />
        {names.map((name, i) => (
          <Line key={name} dataKey={name} stroke={seriesColour(i)} strokeWidth={name === 'total' ? 2.5 : 1.5} dot={false} isAnimationActive={false} connectNulls />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
});

/**
 * Loss per term over the steps (item 5): log scale and EMA smoothing, bounded history. The
 * series is taken up through useStaggered (staggered.ts): a step re-renders this chart in a
 * task of its own, at transition priority, and a newer step replaces one still queued.
 */
export function LossChart() {
  const series = useStaggered(useStudio((s) => s.lossSeries), LOSS_REDRAW_MS);
  const [log, setLog] = useState(true);
  const [smoothing, setSmoothing] = useState(0.6);
  const points = useMemo(() => seriesPoints(series), [series]);
  const rows = useMemo(() => lossRows(points, smoothing, log), [points, smoothing, log]);
  const terms = useMemo(() => activeTerms(points).join(','), [points]);
  const names = useMemo(() => ['total', ...(terms ? terms.split(',') : [])], [terms]);
  const tools = <LossTools log={log} setLog={setLog} smoothing={smoothing} setSmoothing={setSmoothing} />;
  return (
    <ChartCard title="Loss per term" fileName="loss" info="lossChart" tools={tools} empty={points.length === 0 ? 'Start training to see the loss of every term, step by step.' : null}>
      <LossPlot rows={rows} names={names} log={log} />
    </ChartCard>
  );
}
