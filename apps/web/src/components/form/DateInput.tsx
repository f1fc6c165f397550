import type { DatePart, DateParts } from '@telehealth/contracts/client';
import { FieldError } from './fields';

const partLabels: Record<DatePart, string> = { month: 'Month', day: 'Day', year: 'Year' };
const partWidths: Record<DatePart, string> = { month: 'w-16', day: 'w-16', year: 'w-24' };

export interface DateInputProps {
  /** The fieldset's id; each box is `${id}-month`, `${id}-day`, `${id}-year`. */
  id: string;
  legend: string;
  hint: string;
  value: DateParts;
  error: string | undefined;
  /** The boxes the error is about (marked invalid). */
  invalidParts: readonly DatePart[];
  /** e.g. `bday`: each box gets `bday-month`, `bday-day`, `bday-year`. */
  autoCompleteSection?: 'bday';
  onChange: (value: DateParts) => void;
}

/**
 * A date in three numeric boxes, month, day and year (the GOV.UK date input, in US order): easier than a
 * date picker for a date decades ago, and every phone shows its number pad. One error for the whole
 * date, shown under the boxes; the boxes it is about are marked.
 */
export function DateInput(props: DateInputProps) {
  const { id, legend, hint, value, error, invalidParts } = props;
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <fieldset id={id} aria-describedby={describedBy}>
      <legend className="block text-sm font-semibold text-slate-800">{legend}</legend>
      <p id={`${id}-hint`} className="mt-0.5 text-sm text-slate-600">
        {hint}
      </p>
      <div className="mt-1.5 flex gap-3">
        {(['month', 'day', 'year'] as const).map((part) => {
          const invalid = Boolean(error) && invalidParts.includes(part);
          return (
            <div key={part}>
              <label htmlFor={`${id}-${part}`} className="block text-sm text-slate-800">
                {partLabels[part]}
              </label>
              <input
                id={`${id}-${part}`}
                name={`${id}-${part}`}
                type="text"
                inputMode="numeric"
                autoComplete={props.autoCompleteSection ? `${props.autoCompleteSection}-${part}` : undefined}
                spellCheck={false}
                value={value[part]}
                aria-invalid={invalid || undefined}
                className={`mt-1 block ${partWidths[part]} rounded-md border bg-white px-3 py-2.5 text-base text-slate-900 shadow-sm focus:border-brand-600 ${
                  invalid ? 'border-red-700 ring-1 ring-red-700' : 'border-slate-500'
                }`}
                onChange={(event) => props.onChange({ ...value, [part]: event.target.value })}
              />
            </div>
          );
        })}
      </div>
      <FieldError id={id} message={error} />
    </fieldset>
  );
}
