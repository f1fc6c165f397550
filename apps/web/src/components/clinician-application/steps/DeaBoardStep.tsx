import {
  type BoardCertificationKind,
  boardCertificationKinds,
  MAX_DEA_REGISTRATIONS,
  professions,
} from '@telehealth/contracts';
import { CheckboxField, TextField } from '../../form/fields';
import { type DeaDraft, deaSlot, emptyDea, newUuid, professionOf, sectionsFor } from '../draft';
import { RadioGroup } from '../RadioGroup';
import { RepeatableFieldsets } from '../RepeatableFieldsets';
import { StateCredentialFields } from '../StateCredentialFields';
import { fieldId } from '../step-definitions';
import { bind, legendClass, type StepProps, sectionClass } from '../step-props';

const ADD_DEA_ID = 'ca-add-dea';

const kindOptions = Object.entries(boardCertificationKinds).map(([value, label]) => ({ value, label }));

export function DeaBoardStep(props: StepProps) {
  const { draft } = props;
  const sections = sectionsFor(draft);
  const profession = professionOf(draft);
  const label = profession ? professions[profession].label : 'your profession';

  if (!sections.dea && !sections.board) {
    return (
      <p className="rounded-md border border-brand-100 bg-brand-50 p-4 text-slate-800">
        Neither DEA registration nor board certification applies to a {label}, so there is nothing to add
        here. Continue to the next step.
      </p>
    );
  }

  function setDea(index: number, key: keyof Omit<DeaDraft, 'id'>) {
    return (d: typeof draft, value: string) => ({
      ...d,
      deaRegistrations: d.deaRegistrations.map((registration, i) =>
        i === index ? { ...registration, [key]: value } : registration,
      ),
    });
  }

  function addDea() {
    const index = draft.deaRegistrations.length;
    props.change('deaRegistrations', (d) => ({
      ...d,
      deaRegistrations: [...d.deaRegistrations, emptyDea(`dea-${newUuid()}`)],
    }));
    props.requestFocus(fieldId(`deaRegistrations.${index}.state`));
  }

  function removeDea(registration: DeaDraft) {
    props.forgetDocument(deaSlot(registration));
    props.change('deaRegistrations', (d) => {
      const documents = { ...d.documents };
      delete documents[deaSlot(registration)];
      return {
        ...d,
        deaRegistrations: d.deaRegistrations.filter((r) => r.id !== registration.id),
        documents,
      };
    });
    props.requestFocus(ADD_DEA_ID);
  }

  const setBoard = (key: keyof typeof draft.boardCertification) => (d: typeof draft, value: string) => ({
    ...d,
    boardCertification: { ...d.boardCertification, [key]: value },
  });
  const boardKind = draft.boardCertification.kind as BoardCertificationKind | '';

  return (
    <>
      <p className="text-slate-700">
        Both are optional. Add the ones you hold, each with a copy of its certificate; we verify them with the
        issuing bodies.
      </p>
      <div className="mt-5 space-y-5">
        {sections.dea ? (
          <fieldset className={sectionClass}>
            <legend className={legendClass}>DEA registration</legend>
            <CheckboxField
              id={fieldId('hasDea')}
              name="hasDea"
              label="I have a DEA registration"
              hint="Needed to prescribe controlled substances. DEA registration is per state: add each state you are registered in."
              checked={draft.hasDea}
              error={undefined}
              onChange={(checked) => props.change('deaRegistrations', (d) => ({ ...d, hasDea: checked }))}
            />
            {draft.hasDea ? (
              <RepeatableFieldsets
                items={draft.deaRegistrations}
                noun="DEA registration"
                nounInSentence="DEA registration"
                listError={props.error('deaRegistrations')}
                listErrorId={fieldId('deaRegistrations')}
                addId={ADD_DEA_ID}
                addLabel="Add a registration in another state"
                max={MAX_DEA_REGISTRATIONS}
                onAdd={addDea}
                onRemove={removeDea}
                renderItem={(registration, index) => (
                  <StateCredentialFields
                    step={props}
                    path={`deaRegistrations.${index}`}
                    credential={registration}
                    set={(key) => setDea(index, key)}
                    labels={{
                      state: 'State of registration',
                      statePlaceholder: 'Choose a state',
                      number: 'DEA number',
                      numberHint: '2 letters and 7 digits, like AB1234563.',
                      document: 'DEA registration certificate',
                    }}
                    document={{ slot: deaSlot(registration), path: `documents.dea.${index}` }}
                  />
                )}
              />
            ) : null}
          </fieldset>
        ) : null}

        {sections.board ? (
          <fieldset className={sectionClass}>
            <legend className={legendClass}>Board certification</legend>
            <CheckboxField
              id={fieldId('hasBoardCertification')}
              name="hasBoardCertification"
              label="I am board certified"
              checked={draft.hasBoardCertification}
              error={undefined}
              onChange={(checked) =>
                props.change('boardCertification', (d) => ({ ...d, hasBoardCertification: checked }))
              }
            />
            {draft.hasBoardCertification ? (
              <div className="mt-5 grid gap-5 sm:grid-cols-2">
                <TextField
                  {...bind(
                    props,
                    'boardCertification.board',
                    draft.boardCertification.board,
                    setBoard('board'),
                  )}
                  label="Certifying board"
                  autoComplete="off"
                  hint="For example American Board of Psychiatry and Neurology."
                  className="sm:col-span-2"
                />
                <TextField
                  {...bind(
                    props,
                    'boardCertification.certificate',
                    draft.boardCertification.certificate,
                    setBoard('certificate'),
                  )}
                  label="Certificate or specialty"
                  autoComplete="off"
                  className="sm:col-span-2"
                />
                <div className="sm:col-span-2">
                  <RadioGroup
                    id={fieldId('boardCertification.kind')}
                    name="boardCertification.kind"
                    legend="Does this certification expire?"
                    value={boardKind}
                    options={kindOptions}
                    error={props.error('boardCertification.kind')}
                    onChange={(kind) =>
                      props.change('boardCertification.kind', (d) => setBoard('kind')(d, kind))
                    }
                  />
                </div>
                {boardKind === 'time-limited' ? (
                  <TextField
                    {...bind(
                      props,
                      'boardCertification.expiresOn',
                      draft.boardCertification.expiresOn,
                      setBoard('expiresOn'),
                    )}
                    label="Expiry date"
                    type="date"
                    min={props.today || undefined}
                  />
                ) : null}
                <div className="sm:col-span-2">
                  {props.renderDocument({
                    slot: 'board',
                    path: 'documents.board',
                    label: 'Board certificate',
                  })}
                </div>
              </div>
            ) : null}
          </fieldset>
        ) : null}
      </div>
    </>
  );
}
