import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useStudio } from '../store/studioStore';
import { useStaggered } from './staggered';
import { ChartCard } from './ChartCard';
import { accuracyRows, type ChartRow } from './chartRows';
import { seriesColour } from './palette';

const AccuracyPlot = memo(function AccuracyPlot({ rows, teachers }: { rows: ChartRow[]; teachers: string }) {
  return (
    <ResponsiveContainer width="100%" height={200}>
      <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.4} />
        <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} />
        <YAxis domain={[0, 100]} unit="%" width={52} />
        <Tooltip formatter={(v) => (typeof v === 'number' ? `${v.toFixed(2)} %` : String(v))} labelFormatter={(s) => `step ${s}`} />
        <Legend />
        <Line dataKey="joint" name="joint" stroke={seriesColour(0)} strokeWidth={2.5} isAnimationActive={false} />
        {(teachers ? teachers.split(',') : []).map((id, i) => (
          <Line key={id} dataKey={id} name={`student on ${id}`} stroke={seriesColour(i + 1)} isAnimationActive={false} />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
});

/**
 * Joint accuracy and the student's accuracy on each teacher's classes, per evaluation (test
 * labels). Staggered like the loss chart: an evaluation re-renders it in a task of its own.
 */
export function AccuracyChart() {
  const evaluations = useStaggered(useStudio((s) => s.evaluations));
  const rows = useMemo(() => accuracyRows(evaluations), [evaluations]);
  // A string, so the memoised plot sees the same teachers as equal across evaluations.
  const teachers = evaluations.at(-1)?.perTeacher.map((t) => t.id).join(',') ?? '';
  const empty = rows.length === 0 ? 'Accuracy on the labelled test set appears at each evaluation.' : null;
  return (
    <ChartCard title="Accuracy (test set)" fileName="accuracy" info="accuracyChart" empty={empty}>
      <AccuracyPlot rows={rows} teachers={teachers} />
    </ChartCard>
  );
}
