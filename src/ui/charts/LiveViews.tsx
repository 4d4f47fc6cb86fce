import { AccuracyChart } from './AccuracyChart';
import { CohesionChart } from './CohesionChart';
import { ConfusionMatrix } from './ConfusionMatrix';
import { EmbeddingPanel } from './EmbeddingPanel';
import { LossChart } from './LossChart';
import { OwnershipChart } from './OwnershipChart';

/** Item 5: the run as it trains. Each view has its own empty state until its first data. */
export function LiveViews() {
  return (
    <section aria-labelledby="live-heading" className="panel live-views">
      <h2 id="live-heading">Live views</h2>
      <LossChart />
      <EmbeddingPanel />
      <div className="chart-pair">
        <AccuracyChart />
        <CohesionChart />
      </div>
      <ConfusionMatrix />
      <OwnershipChart />
    </section>
  );
}
