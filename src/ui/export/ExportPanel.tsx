import { ExportStudent } from './ExportStudent';
import { TryIt } from './TryIt';

/** The trained student leaves the studio (export) or is put to the test (try it). */
export function ExportPanel() {
  return (
    <section aria-labelledby="export-heading">
      <h2 id="export-heading">Student: export and try it</h2>
      <ExportStudent />
      <h3 className="subheading">Try it</h3>
      <TryIt />
    </section>
  );
}
