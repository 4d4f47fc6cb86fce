import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useStudio } from '../store/studioStore';
import { ChartCard } from './ChartCard';
import { changedText, ownershipRows, type OwnershipRow } from './ownershipRows';
import { classColour } from './palette';

const OwnershipPlot = memo(function OwnershipPlot({ rows }: { rows: OwnershipRow[] }) {
  return (
    <ResponsiveContainer width="100%" height={160}>
      <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.4} vertical={false} />
        <XAxis dataKey="teacher" />
        <YAxis domain={[0, 100]} unit="%" width={52} />
        <Tooltip formatter={(v) => (typeof v === 'number' ? `${v.toFixed(1)} %` : String(v))} />
        <Bar dataKey="share" name="share of the transfer images" isAnimationActive={false}>
          {/* A teacher's colour here is its colour when the embedding plot colours points by owner. */}
          {rows.map((r, k) => (
            <Cell key={r.teacher} fill={classColour(k)} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
});

/**
 * Which share of the transfer images each teacher owns under the run's target builder, and how
 * many of them it gives to another teacher than concatenation would: measured once, by the
 * builder's pass over the transfer set before the first step (no labels).
 */
export function OwnershipChart() {
  const ownership = useStudio((s) => s.ownership);
  const rows = ownership ? ownershipRows(ownership) : [];
  const empty = ownership
    ? null
    : 'Before the first step, the target builder reads every transfer image and decides which teacher owns it; the share each teacher owns appears here (builders that decide per batch, such as concat, show none).';
  return (
    <ChartCard title="Ownership of the transfer images" fileName="ownership" info="ownershipChart" empty={empty}>
      <OwnershipPlot rows={rows} />
      {ownership && (
        <>
          <ul className="ownership-shares" data-field="ownership-shares" aria-label="Share of the transfer images each teacher owns">
            {rows.map((r) => (
              <li key={r.teacher} data-teacher-share={r.teacher}>
                {r.teacher}: {r.share.toFixed(1)} % ({r.images.toLocaleString('en')} images)
              </li>
            ))}
          </ul>
          <p className="muted" data-field="ownership-changed">
            Builder {ownership.builder}: {changedText(ownership)}
          </p>
        </>
      )}
    </ChartCard>
  );
}
