/** One fact: its `data-field` name (tests read values by it, not prose), its term, its value. */
export type Fact = [field: string, term: string, value: string];

/** A definition list of facts, each value's <dd> carrying its `data-field` name. */
export function FactList({ rows }: { rows: Fact[] }) {
  return (
    <dl className="facts">
      {rows.map(([field, term, value]) => (
        <div key={field}>
          <dt>{term}</dt>
          <dd data-field={field}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
