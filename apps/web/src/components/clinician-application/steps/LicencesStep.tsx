import { MAX_LICENCES, stateName } from '@telehealth/contracts';
import { SelectField, TextField } from '../../form/fields';
import { emptyLicence, type LicenceDraft, licenceSlot, newUuid } from '../draft';
import { RepeatableFieldsets } from '../RepeatableFieldsets';
import { fieldId } from '../step-definitions';
import { allStateOptions, bind, type StepProps } from '../step-props';

const ADD_ID = 'ca-add-licence';

export function LicencesStep(props: StepProps) {
  const { draft, servedStates } = props;
  const served = servedStates.map(stateName).sort((a, b) => a.localeCompare(b));

  function setLicence(index: number, key: keyof Omit<LicenceDraft, 'id'>) {
    return (d: typeof draft, value: string) => ({
      ...d,
      licences: d.licences.map((licence, i) => (i === index ? { ...licence, [key]: value } : licence)),
    });
  }

  function add() {
    const index = draft.licences.length;
    props.change('licences', (d) => ({
      ...d,
      licences: [...d.licences, emptyLicence(`licence-${newUuid()}`)],
    }));
    props.requestFocus(fieldId(`licences.${index}.state`));
  }

  function remove(licence: LicenceDraft) {
    props.forgetDocument(licenceSlot(licence));
    props.change('licences', (d) => {
      const documents = { ...d.documents };
      delete documents[licenceSlot(licence)];
      return { ...d, licences: d.licences.filter((l) => l.id !== licence.id), documents };
    });
    props.requestFocus(ADD_ID);
  }

  return (
    <>
      <p className="text-slate-700">
        Add every state licence you hold, with a copy of each. At least one must be in a state we serve:{' '}
        {served.join(', ')}.
      </p>
      <RepeatableFieldsets
        items={draft.licences}
        noun="Licence"
        listError={props.error('licences')}
        listErrorId="ca-licences"
        addId={ADD_ID}
        addLabel="Add another licence"
        max={MAX_LICENCES}
        onAdd={add}
        onRemove={remove}
        renderItem={(licence, index) => (
          <>
            <div className="grid gap-5 sm:grid-cols-2">
              <SelectField
                {...bind(props, `licences.${index}.state`, licence.state, setLicence(index, 'state'))}
                label="State"
                autoComplete="off"
                placeholder="Choose the issuing state"
                options={allStateOptions}
              />
              <TextField
                {...bind(props, `licences.${index}.number`, licence.number, setLicence(index, 'number'))}
                label="Licence number"
                autoComplete="off"
                spellCheck={false}
              />
              <TextField
                {...bind(
                  props,
                  `licences.${index}.expiresOn`,
                  licence.expiresOn,
                  setLicence(index, 'expiresOn'),
                )}
                label="Expiry date"
                type="date"
                min={props.today || undefined}
              />
            </div>
            <div className="mt-5">
              {props.renderDocument({
                slot: licenceSlot(licence),
                path: `documents.licence.${index}`,
                label: 'Copy of this licence',
              })}
            </div>
          </>
        )}
      />
    </>
  );
}
