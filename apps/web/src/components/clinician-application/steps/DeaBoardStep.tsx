import { professions } from '@telehealth/contracts';
import { CheckboxField, SelectField, TextField } from '../../form/fields';
import { professionOf, sectionsFor } from '../draft';
import { fieldId } from '../step-definitions';
import { allStateOptions, bind, legendClass, type StepProps, sectionClass } from '../step-props';

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

  const setDea = (key: keyof typeof draft.dea) => (d: typeof draft, value: string) => ({
    ...d,
    dea: { ...d.dea, [key]: value },
  });
  const setBoard = (key: keyof typeof draft.boardCertification) => (d: typeof draft, value: string) => ({
    ...d,
    boardCertification: { ...d.boardCertification, [key]: value },
  });

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
              hint="Needed to prescribe controlled substances."
              checked={draft.hasDea}
              error={undefined}
              onChange={(checked) => props.change('dea', (d) => ({ ...d, hasDea: checked }))}
            />
            {draft.hasDea ? (
              <div className="mt-5 grid gap-5 sm:grid-cols-2">
                <TextField
                  {...bind(props, 'dea.number', draft.dea.number, setDea('number'))}
                  label="DEA number"
                  autoComplete="off"
                  spellCheck={false}
                  hint="2 letters and 7 digits, like AB1234563."
                />
                <SelectField
                  {...bind(props, 'dea.state', draft.dea.state, setDea('state'))}
                  label="State of registration"
                  autoComplete="off"
                  placeholder="Choose a state"
                  options={allStateOptions}
                />
                <TextField
                  {...bind(props, 'dea.expiresOn', draft.dea.expiresOn, setDea('expiresOn'))}
                  label="Expiry date"
                  type="date"
                  min={props.today || undefined}
                />
                <div className="sm:col-span-2">
                  {props.renderDocument({
                    slot: 'dea',
                    path: 'documents.dea',
                    label: 'DEA registration certificate',
                  })}
                </div>
              </div>
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
                />
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
