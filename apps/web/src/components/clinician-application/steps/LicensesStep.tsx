import { MAX_LICENSES, stateName } from '@telehealth/contracts';
import { SelectField, TextField } from '../../form/fields';
import { emptyLicense, type LicenseDraft, licenseSlot, newUuid } from '../draft';
import { RepeatableFieldsets } from '../RepeatableFieldsets';
import { fieldId } from '../step-definitions';
import { allStateOptions, bind, type StepProps } from '../step-props';

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
          <>
            <div className="grid gap-5 sm:grid-cols-2">
              <SelectField
                {...bind(props, `licenses.${index}.state`, license.state, setLicense(index, 'state'))}
                label="State"
                autoComplete="off"
                placeholder="Choose the issuing state"
                options={allStateOptions}
              />
              <TextField
                {...bind(props, `licenses.${index}.number`, license.number, setLicense(index, 'number'))}
                label="License number"
                autoComplete="off"
                spellCheck={false}
              />
              <TextField
                {...bind(
                  props,
                  `licenses.${index}.expiresOn`,
                  license.expiresOn,
                  setLicense(index, 'expiresOn'),
                )}
                label="Expiry date"
                type="date"
                min={props.today || undefined}
              />
            </div>
            <div className="mt-5">
              {props.renderDocument({
                slot: licenseSlot(license),
                path: `documents.license.${index}`,
                label: 'Copy of this license',
              })}
            </div>
          </>
        )}
      />
    </>
  );
}
