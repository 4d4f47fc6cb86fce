import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useStudio } from '../store/studioStore';
import { useStaggered } from './staggered';
import { ChartCard } from './ChartCard';
import { cohesionRows, type ChartRow } from './chartRows';
import { seriesColour } from './palette';
import { InfoButton } from '../layout/InfoButton';

const CohesionPlot = memo(function CohesionPlot({ rows }: { rows: ChartRow[] }) {
  return (
    <ResponsiveContainer width="100%" height={200}>
      <LineChart data={rows} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.4} />
        <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} />
        {/* Two scales, each axis named: silhouette runs −1..1 (higher is better), the ratio from 0 (lower is better). */}
        <YAxis yAxisId="s" domain={[-1, 1]} width={48} label={{ value: 'silhouette ↑', angle: -90, position: 'insideLeft', style: { textAnchor: 'middle' } }} />
        <YAxis yAxisId="r" orientation="right" domain={[0, 'auto']} width={48} label={{ value: 'ratio ↓', angle: 90, position: 'insideRight', style: { textAnchor: 'middle' } }} />
        <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(3) : String(v))} labelFormatter={(s) => `step ${s}`} />
        <Legend />
        <Line yAxisId="s" dataKey="silhouetteTrue" name="silhouette (true labels)" stroke={seriesColour(0)} isAnimationActive={false} />
        <Line yAxisId="s" dataKey="silhouettePseudo" name="silhouette (pseudo-labels)" stroke={seriesColour(1)} strokeDasharray="4 3" isAnimationActive={false} />
        <Line yAxisId="r" dataKey="ratioTrue" name="intra/inter ratio" stroke={seriesColour(2)} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
});

/** How clustered the student's space is: silhouette up and intra/inter distance ratio down are better. Staggered like the loss chart. */
export function CohesionChart() {
  const evaluations = useStaggered(useStudio((s) => s.evaluations));
  const rows = useMemo(() => cohesionRows(evaluations), [evaluations]);
  const empty = rows.length === 0 ? 'Cohesion of the probe set (silhouette, intra/inter ratio) appears at each evaluation.' : null;
  const tools = (
    <span className="chart-terms">
      silhouette <InfoButton entry="silhouette" /> ratio <InfoButton entry="intraInterRatio" />
    </span>
  );
  return (
    <ChartCard title="Cohesion (student space)" fileName="cohesion" info="cohesionChart" tools={tools} empty={empty}>
      <CohesionPlot rows={rows} />
    </ChartCard>
  );
}
