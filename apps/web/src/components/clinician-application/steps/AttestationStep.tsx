import { CheckboxField, TextField } from '../../form/fields';
import { fieldId } from '../step-definitions';
import { bind, formatIsoDate, legendClass, type StepProps, sectionClass } from '../step-props';

export function AttestationStep(props: StepProps) {
  const { draft, brandName, today } = props;
  const legalName = `${draft.legalFirstName.trim()} ${draft.legalLastName.trim()}`.trim();
  const setAttestation = (key: keyof typeof draft.attestations) => (checked: boolean) =>
    props.change(`attestations.${key}`, (d) => ({
      ...d,
      attestations: { ...d.attestations, [key]: checked },
    }));
  return (
    <>
      <fieldset className={sectionClass}>
        <legend className={legendClass}>Attestations</legend>
        <div className="space-y-4">
          <CheckboxField
            id={fieldId('attestations.truthful')}
            name="attestations.truthful"
            label="I confirm that the information I have given in this application is true and complete."
            hint="False or missing information is grounds for rejecting an application or removing a clinician from the network."
            checked={draft.attestations.truthful}
            error={props.error('attestations.truthful')}
            onChange={setAttestation('truthful')}
          />
          <CheckboxField
            id={fieldId('attestations.consentToVerification')}
            name="attestations.consentToVerification"
            label={`I allow ${brandName} to verify my licenses, NPI, DEA registration, board certification, malpractice insurance and work history with the issuing bodies and my past employers.`}
            checked={draft.attestations.consentToVerification}
            error={props.error('attestations.consentToVerification')}
            onChange={setAttestation('consentToVerification')}
          />
        </div>
      </fieldset>

      <fieldset className={`mt-6 ${sectionClass}`}>
        <legend className={legendClass}>Signature</legend>
        <TextField
          {...bind(props, 'signature.typedName', draft.signatureName, (d, v) => ({ ...d, signatureName: v }))}
          label="Type your full legal name to sign"
          autoComplete="name"
          hint={legalName ? `As you gave it in step 1: ${legalName}` : undefined}
        />
        <p className="mt-4 text-sm text-slate-700">
          Date signed:{' '}
          <span className="font-semibold text-slate-900">{today ? formatIsoDate(today) : ''}</span> (today)
        </p>
        {props.error('signature.signedOn') ? (
          <p className="mt-1.5 text-sm font-medium text-red-700">{props.error('signature.signedOn')}</p>
        ) : null}
      </fieldset>
    </>
  );
}
