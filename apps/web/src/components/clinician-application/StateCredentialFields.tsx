import { SelectField, TextField } from '../form/fields';
import type { ApplicationDraft, DocumentSlot } from './draft';
import { allStateOptions, bind, type StepProps } from './step-props';

type CredentialField = 'state' | 'number' | 'expiresOn';

/**
 * One credential held per state (a license, a DEA registration): its state, number, expiry date and
 * a copy. The list is `licenses.<i>` or `deaRegistrations.<i>` in the contract and the draft alike.
 */
export function StateCredentialFields(props: {
  step: StepProps;
  path: `${'licenses' | 'deaRegistrations'}.${number}`;
  credential: Record<CredentialField, string>;
  set: (key: CredentialField) => (draft: ApplicationDraft, value: string) => ApplicationDraft;
  labels: { state: string; statePlaceholder: string; number: string; numberHint?: string; document: string };
  document: { slot: DocumentSlot; path: string };
}) {
  const { step, path, credential, set, labels } = props;
  return (
    <>
      <div className="grid gap-5 sm:grid-cols-2">
        <SelectField
          {...bind(step, `${path}.state`, credential.state, set('state'))}
          label={labels.state}
          autoComplete="off"
          placeholder={labels.statePlaceholder}
          options={allStateOptions}
        />
        <TextField
          {...bind(step, `${path}.number`, credential.number, set('number'))}
          label={labels.number}
          autoComplete="off"
          spellCheck={false}
          {...(labels.numberHint ? { hint: labels.numberHint } : {})}
        />
        <TextField
          {...bind(step, `${path}.expiresOn`, credential.expiresOn, set('expiresOn'))}
          label="Expiry date"
          type="date"
          min={step.today || undefined}
        />
      </div>
      <div className="mt-5">
        {step.renderDocument({
          slot: props.document.slot,
          path: props.document.path,
          label: labels.document,
        })}
      </div>
    </>
  );
}
