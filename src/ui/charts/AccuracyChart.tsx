import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useStudio } from '../store/studioStore';
import { ChartCard } from './ChartCard';
import { accuracyRows } from './chartRows';
import { seriesColour } from './palette';

/** Joint accuracy and the student's accuracy on each teacher's classes, per evaluation (test labels). */
export function AccuracyChart() {
  const evaluations = useStudio((s) => s.evaluations);
  const rows = useMemo(() => accuracyRows(evaluations), [evaluations]);
  const teachers = evaluations.at(-1)?.perTeacher.map((t) => t.id) ?? [];
  const empty = rows.length === 0 ? 'Accuracy on the labelled test set appears at each evaluation.' : null;
  return (
    <ChartCard title="Accuracy (test set)" fileName="accuracy" empty={empty}>
      <ResponsiveContainer width="100%" height={200}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.4} />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} />
          <YAxis domain={[0, 100]} unit="%" width={52} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? `${v.toFixed(2)} %` : String(v))} labelFormatter={(s) => `step ${s}`} />
          <Legend />
          <Line dataKey="joint" name="joint" stroke={seriesColour(0)} strokeWidth={2.5} isAnimationActive={false} />
          {teachers.map((id, i) => (
            <Line key={id} dataKey={id} name={`student on ${id}`} stroke={seriesColour(i + 1)} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
