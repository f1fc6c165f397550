import { MAX_LICENSES, stateName } from '@telehealth/contracts';
import { emptyLicense, type LicenseDraft, licenseSlot, newUuid } from '../draft';
import { RepeatableFieldsets } from '../RepeatableFieldsets';
import { StateCredentialFields } from '../StateCredentialFields';
import { fieldId } from '../step-definitions';
import type { StepProps } from '../step-props';

const ADD_ID = 'ca-add-license';

export function LicensesStep(props: StepProps) {
  const { draft, servedStates } = props;
  const served = servedStates.map(stateName).sort((a, b) => a.localeCompare(b));

  function setLicense(index: number, key: keyof Omit<LicenseDraft, 'id'>) {
    return (d: typeof draft, value: string) => ({
      ...d,
      licenses: d.licenses.map((license, i) => (i === index ? { ...license, [key]: value } : license)),
    });
  }

  function add() {
    const index = draft.licenses.length;
    props.change('licenses', (d) => ({
      ...d,
      licenses: [...d.licenses, emptyLicense(`license-${newUuid()}`)],
    }));
    props.requestFocus(fieldId(`licenses.${index}.state`));
  }

  function remove(license: LicenseDraft) {
    props.forgetDocument(licenseSlot(license));
    props.change('licenses', (d) => {
      const documents = { ...d.documents };
      delete documents[licenseSlot(license)];
      return { ...d, licenses: d.licenses.filter((l) => l.id !== license.id), documents };
    });
    props.requestFocus(ADD_ID);
  }

  return (
    <>
      <p className="text-slate-700">
        Add every state license you hold, with a copy of each. At least one must be in a state we serve:{' '}
        {served.join(', ')}.
      </p>
      <RepeatableFieldsets
        items={draft.licenses}
        noun="License"
        listError={props.error('licenses')}
        listErrorId="ca-licenses"
        addId={ADD_ID}
        addLabel="Add another license"
        max={MAX_LICENSES}
        onAdd={add}
        onRemove={remove}
        renderItem={(license, index) => (
          <StateCredentialFields
            step={props}
            path={`licenses.${index}`}
            credential={license}
            set={(key) => setLicense(index, key)}
            labels={{
              state: 'State',
              statePlaceholder: 'Choose the issuing state',
              number: 'License number',
              document: 'Copy of this license',
            }}
            document={{ slot: licenseSlot(license), path: `documents.license.${index}` }}
          />
        )}
      />
    </>
  );
}
