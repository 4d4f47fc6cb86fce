import { useId, type ReactNode } from 'react';
import { optionHelp, optionsOf, type ChoiceField } from './configOptions';
import { fieldText } from './methodFields';

/**
 * A labelled select over the words validateConfig accepts for `field`; `optionText` words an option for people (its value stays the id);
 * `note` is shown under the help (the student's size beside its architecture).
 */
export function ChoiceInput(props: { field: ChoiceField; value: string; onChange(value: string): void; options?: string[]; optionText?: (option: string) => string; note?: ReactNode }) {
  const { field, value, onChange, options, optionText = (o: string) => o, note } = props;
  const id = useId();
  const { label, help } = fieldText(field);
  const chosen = optionHelp(field, value);
  return (
    <div className="field" data-config-field={field}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} aria-describedby={`${id}-help`} onChange={(e) => onChange(e.target.value)}>
        {(options ?? optionsOf(field)).map((o) => (
          <option key={o} value={o}>
            {optionText(o)}
          </option>
        ))}
      </select>
      <small id={`${id}-help`} className="field-help">
        {help}
      </small>
      {chosen && (
        <small className="field-help option-help" data-field={`option-help-${field}`} aria-live="polite">
          {value}: {chosen}
        </small>
      )}
      {note}
    </div>
  );
}
