import { TextField } from '../../form/fields';
import { bind, type StepProps } from '../step-props';

export function MalpracticeStep(props: StepProps) {
  const { draft } = props;
  const set = (key: keyof typeof draft.malpractice) => (d: typeof draft, value: string) => ({
    ...d,
    malpractice: { ...d.malpractice, [key]: value },
  });
  const m = draft.malpractice;
  return (
    <>
      <p className="text-slate-700">Your current professional liability (malpractice) policy.</p>
      <div className="mt-5 grid gap-5 sm:grid-cols-2">
        <TextField
          {...bind(props, 'malpractice.carrier', m.carrier, set('carrier'))}
          label="Insurance carrier"
          autoComplete="off"
        />
        <TextField
          {...bind(props, 'malpractice.policyNumber', m.policyNumber, set('policyNumber'))}
          label="Policy number"
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          {...bind(
            props,
            'malpractice.perClaimCoverageUsd',
            m.perClaimCoverageUsd,
            set('perClaimCoverageUsd'),
          )}
          label="Per-claim coverage (US dollars)"
          inputMode="numeric"
          autoComplete="off"
          hint="Whole dollars, for example 1,000,000"
        />
        <TextField
          {...bind(
            props,
            'malpractice.aggregateCoverageUsd',
            m.aggregateCoverageUsd,
            set('aggregateCoverageUsd'),
          )}
          label="Aggregate coverage (US dollars)"
          inputMode="numeric"
          autoComplete="off"
          hint="Whole dollars, for example 3,000,000"
        />
        <TextField
          {...bind(props, 'malpractice.expiresOn', m.expiresOn, set('expiresOn'))}
          label="Policy expiry date"
          type="date"
          min={props.today || undefined}
        />
      </div>
      <div className="mt-5">
        {props.renderDocument({
          slot: 'malpractice',
          path: 'documents.malpractice',
          label: 'Policy face sheet or certificate of insurance',
        })}
      </div>
    </>
  );
}
