import { FieldError } from '../form/fields';
import { legendClass } from './step-props';

export interface RadioGroupProps {
  /** The first option's id: `fieldId` of the issue path, so the error summary links to it. */
  id: string;
  name: string;
  legend: string;
  value: string;
  options: readonly { value: string; label: string }[];
  error: string | undefined;
  onChange: (value: string) => void;
}

/** A question with a few answers, as radios in a fieldset; each row is a 44 px tap target. */
export function RadioGroup({ id, name, legend, value, options, error, onChange }: RadioGroupProps) {
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className={`${legendClass} px-0 text-sm`}>{legend}</legend>
      <FieldError id={id} message={error} />
      <div className="mt-1 space-y-1">
        {options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${option.value}`;
          return (
            <div key={option.value} className="flex min-h-11 items-center gap-3">
              <input
                id={optionId}
                name={name}
                type="radio"
                value={option.value}
                checked={value === option.value}
                aria-invalid={error ? true : undefined}
                className="size-5 shrink-0 accent-brand-600"
                onChange={() => onChange(option.value)}
              />
              <label htmlFor={optionId} className="py-2 text-sm text-slate-800">
                {option.label}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
