import { CheckCircleIcon } from '../../CheckCircleIcon';
import { SelectField, TextField } from '../../form/fields';
import { allStateOptions, bind, legendClass, type StepProps, sectionClass } from '../step-props';

export interface IdentityStepProps extends StepProps {
  /** Back to the email step, to confirm another address. */
  onChangeEmail: () => void;
}

export function IdentityStep(props: IdentityStepProps) {
  const { draft } = props;
  const address = draft.practiceAddress;
  const setAddress = (key: keyof typeof address) => (d: typeof draft, value: string) => ({
    ...d,
    practiceAddress: { ...d.practiceAddress, [key]: value },
  });
  return (
    <>
      <div className="grid gap-5 sm:grid-cols-2">
        <TextField
          {...bind(props, 'legalFirstName', draft.legalFirstName, (d, v) => ({ ...d, legalFirstName: v }))}
          label="Legal first name"
          autoComplete="given-name"
          hint="As it appears on your licenses."
        />
        <TextField
          {...bind(props, 'legalLastName', draft.legalLastName, (d, v) => ({ ...d, legalLastName: v }))}
          label="Legal last name"
          autoComplete="family-name"
          hint="As it appears on your licenses."
        />
        {/* The proven email: shown, not editable here (the application must use exactly this one). */}
        <dl className="sm:col-span-2">
          <dt className="text-sm font-semibold text-slate-800">Email</dt>
          <dd className="mt-1.5 flex flex-wrap items-center gap-x-4 gap-y-1">
            <span id="ca-identity-email" className="break-all text-base text-slate-900">
              {draft.email}
            </span>
            <span className="inline-flex shrink-0 items-center gap-1 text-sm font-medium text-brand-700">
              <CheckCircleIcon className="size-4" drawing="small" />
              Confirmed
            </span>
            <button
              type="button"
              className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-md px-3 text-sm font-semibold text-brand-700 underline underline-offset-2 hover:bg-brand-50 hover:no-underline"
              onClick={props.onChangeEmail}
            >
              Change<span className="sr-only"> email</span>
            </button>
          </dd>
          <dd className="mt-0.5 text-sm text-slate-600">
            We&rsquo;ll send your reference number and any questions about your application here.
          </dd>
        </dl>
        <TextField
          {...bind(props, 'phone', draft.phone, (d, v) => ({ ...d, phone: v }))}
          label="Mobile phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          hint="For example (415) 555-0134"
        />
      </div>

      <fieldset className={`mt-6 ${sectionClass}`}>
        <legend className={legendClass}>Practice address</legend>
        <div className="grid gap-5 sm:grid-cols-6">
          <TextField
            {...bind(props, 'practiceAddress.line1', address.line1, setAddress('line1'))}
            label="Street address"
            autoComplete="address-line1"
            className="sm:col-span-6"
          />
          <TextField
            {...bind(props, 'practiceAddress.line2', address.line2, setAddress('line2'))}
            label="Suite, floor or building (optional)"
            autoComplete="address-line2"
            className="sm:col-span-6"
          />
          <TextField
            {...bind(props, 'practiceAddress.city', address.city, setAddress('city'))}
            label="City"
            autoComplete="address-level2"
            className="sm:col-span-3"
          />
          <SelectField
            {...bind(props, 'practiceAddress.state', address.state, setAddress('state'))}
            label="State"
            autoComplete="address-level1"
            placeholder="Choose a state"
            options={allStateOptions}
            className="sm:col-span-3"
          />
          <TextField
            {...bind(props, 'practiceAddress.postalCode', address.postalCode, setAddress('postalCode'))}
            label="ZIP code"
            inputMode="numeric"
            autoComplete="postal-code"
            className="sm:col-span-3"
          />
        </div>
      </fieldset>
    </>
  );
}
