import type { ChangeEvent, HTMLAttributes, ReactNode } from 'react';

const controlBase =
  'block w-full rounded-md border bg-white px-3 py-2.5 text-base text-slate-900 shadow-sm ' +
  'placeholder:text-slate-500 focus:border-brand-600';

function controlClass(invalid: boolean): string {
  return `${controlBase} ${invalid ? 'border-red-700 ring-1 ring-red-700' : 'border-slate-500'}`;
}

function describedBy(id: string, hint: ReactNode | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** The ARIA state and look shared by the inputs, selects and text areas inside a `FieldFrame`. */
function controlProps(id: string, hint: ReactNode | undefined, error: string | undefined) {
  return {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, hint, error),
    className: `mt-1.5 ${controlClass(Boolean(error))}`,
  };
}

function FieldHint({ id, hint }: { id: string; hint: ReactNode | undefined }) {
  if (!hint) return null;
  return (
    <p id={`${id}-hint`} className="mt-0.5 text-sm text-slate-600">
      {hint}
    </p>
  );
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={`${id}-error`} className="mt-1.5 text-sm font-medium text-red-700">
      <span className="sr-only">Error: </span>
      {message}
    </p>
  );
}

interface FieldFrameProps {
  id: string;
  label: string;
  hint: ReactNode | undefined;
  error: string | undefined;
  className: string | undefined;
  /** The control, labelled by `label` and described by the hint and error (see `controlProps`). */
  children: ReactNode;
}

/** Label, optional hint, the control, then the error message. */
function FieldFrame({ id, label, hint, error, className, children }: FieldFrameProps) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-semibold text-slate-800">
        {label}
      </label>
      <FieldHint id={id} hint={hint} />
      {children}
      <FieldError id={id} message={error} />
    </div>
  );
}

/** The props every text input, select and text area shares. */
interface FramedFieldProps {
  id: string;
  name: string;
  label: string;
  value: string;
  error: string | undefined;
  hint?: ReactNode;
  className?: string;
  onChange: (value: string) => void;
  /** Optional: the signup form checks fields only on submit, so nothing moves under a press. */
  onBlur?: () => void;
}

interface TextFieldProps extends FramedFieldProps {
  type?: 'text' | 'email' | 'tel' | 'date' | 'month';
  /** Omitted for fields no browser can fill (license numbers, …); `off` where autofill would be wrong. */
  autoComplete?: string;
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  min?: string;
  max?: string;
  maxLength?: number;
  spellCheck?: boolean;
}

export function TextField(props: TextFieldProps) {
  const { id, name, label, value, error, hint, type = 'text', autoComplete, inputMode } = props;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={props.className}>
      <input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        inputMode={inputMode}
        spellCheck={props.spellCheck ?? (type === 'email' ? false : undefined)}
        autoCapitalize={type === 'email' ? 'none' : undefined}
        min={props.min}
        max={props.max}
        maxLength={props.maxLength}
        value={value}
        {...controlProps(id, hint, error)}
        onChange={(event: ChangeEvent<HTMLInputElement>) => props.onChange(event.target.value)}
        onBlur={props.onBlur}
      />
    </FieldFrame>
  );
}

interface SelectFieldProps extends FramedFieldProps {
  autoComplete?: string;
  placeholder: string;
  options: readonly { value: string; label: string }[];
}

export function SelectField(props: SelectFieldProps) {
  const { id, name, label, value, error, hint } = props;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={props.className}>
      <select
        id={id}
        name={name}
        autoComplete={props.autoComplete}
        value={value}
        {...controlProps(id, hint, error)}
        onChange={(event) => props.onChange(event.target.value)}
        onBlur={props.onBlur}
      >
        <option value="">{props.placeholder}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

interface CheckboxFieldProps {
  id: string;
  name: string;
  /** Rendered inside the <label>; may contain a link. */
  label: ReactNode;
  hint?: ReactNode;
  checked: boolean;
  error: string | undefined;
  onChange: (checked: boolean) => void;
}

export function CheckboxField(props: CheckboxFieldProps) {
  const { id, name, label, hint, checked, error } = props;
  return (
    <div>
      <div className="flex items-start gap-3">
        <input
          id={id}
          name={name}
          type="checkbox"
          checked={checked}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          className="mt-0.5 size-5 shrink-0 rounded border-slate-500 accent-brand-600"
          onChange={(event) => props.onChange(event.target.checked)}
        />
        <div>
          <label htmlFor={id} className="text-sm text-slate-800">
            {label}
          </label>
          <FieldHint id={id} hint={hint} />
        </div>
      </div>
      <div className="pl-8">
        <FieldError id={id} message={error} />
      </div>
    </div>
  );
}

interface TextAreaFieldProps extends FramedFieldProps {
  rows?: number;
  maxLength?: number;
}

export function TextAreaField(props: TextAreaFieldProps) {
  const { id, name, label, value, error, hint } = props;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={props.className}>
      <textarea
        id={id}
        name={name}
        rows={props.rows ?? 3}
        maxLength={props.maxLength}
        value={value}
        {...controlProps(id, hint, error)}
        onChange={(event: ChangeEvent<HTMLTextAreaElement>) => props.onChange(event.target.value)}
        onBlur={props.onBlur}
      />
    </FieldFrame>
  );
}

export interface ErrorSummaryProps {
  id: string;
  title: string;
  /** `[path, message]` in the order the fields appear. */
  errors: readonly (readonly [string, string])[];
  /** The DOM id of the control for a path, or undefined when no single control holds it. */
  controlIdFor: (path: string) => string | undefined;
  onFocusControl: (id: string) => void;
}

/** The list of problems above a form (`role="alert"`), each linked to its control. */
export function ErrorSummary({ id, title, errors, controlIdFor, onFocusControl }: ErrorSummaryProps) {
  if (errors.length === 0) return null;
  return (
    <div
      id={id}
      role="alert"
      tabIndex={-1}
      aria-labelledby={`${id}-title`}
      className="mt-5 rounded-md border-2 border-red-700 bg-red-50 p-4"
    >
      <h3 id={`${id}-title`} className="font-semibold text-red-800">
        {title}
      </h3>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-red-800">
        {errors.map(([path, message]) => {
          const controlId = controlIdFor(path);
          return (
            <li key={path}>
              {controlId ? (
                <a
                  href={`#${controlId}`}
                  className="underline underline-offset-2 hover:no-underline"
                  onClick={(event) => {
                    event.preventDefault();
                    onFocusControl(controlId);
                  }}
                >
                  {message}
                </a>
              ) : (
                message
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
