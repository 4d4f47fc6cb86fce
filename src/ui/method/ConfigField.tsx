import type { ReactNode } from 'react';
import type { RunConfig } from '../../core/method/config';
import { specOf, valueAt, type ChoiceField, type NumberField } from '../../core/method/config/fieldPaths';
import type { FieldPath } from '../../core/method/config/schema';
import { studioStore } from '../store/studioStore';
import type { DraftField } from '../store/methodSlice';
import { ChoiceInput } from './ChoiceInput';
import { fieldText } from './methodFields';
import { NumberInput } from './NumberInput';

/** A labelled checkbox for a true/false field. */
function SwitchInput({ field, checked, onChange }: { field: FieldPath; checked: boolean; onChange(checked: boolean): void }) {
  const { label, help } = fieldText(field);
  return (
    <div className="field field-check" data-config-field={field}>
      <label>
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
      </label>
      <small className="field-help">{help}</small>
    </div>
  );
}

/** The input the schema's kind calls for, bound to the draft; lists are picked in other panels. `note` goes under a choice's help. */
export function ConfigField({ field, draft, note }: { field: FieldPath; draft: RunConfig; note?: ReactNode }) {
  const { setField, setNumber } = studioStore.getState(); // actions never change
  const set = (value: unknown) => setField(field as DraftField, value as never);
  switch (specOf(field).kind) {
    case 'number':
      return <NumberInput field={field as NumberField} value={valueAt(draft, field) as number} onChange={(v) => setNumber(field as NumberField, v)} />;
    case 'enum':
      return <ChoiceInput field={field as ChoiceField} value={valueAt(draft, field) as string} onChange={set} note={note} />;
    case 'bool':
      return <SwitchInput field={field} checked={valueAt(draft, field) as boolean} onChange={set} />;
    case 'list':
      return null;
  }
}
