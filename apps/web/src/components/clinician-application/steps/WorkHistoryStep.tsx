import { MAX_JOBS, MAX_UNEXPLAINED_GAP_MONTHS } from '@telehealth/contracts';
import { CheckboxField, TextAreaField, TextField } from '../../form/fields';
import { emptyJob, type JobDraft, newUuid, workHistoryGaps } from '../draft';
import { RepeatableFieldsets } from '../RepeatableFieldsets';
import { fieldId } from '../step-definitions';
import { bind, type StepProps } from '../step-props';

const ADD_ID = 'ca-add-job';

/**
 * Months are typed as their hint shows them, YYYY-MM: a `type="month"` control shows something else
 * in every browser (a month picker, or a bare text box in some), so it could never match the hint.
 */
const monthField = { type: 'text', autoComplete: 'off', maxLength: 7, spellCheck: false } as const;

export function WorkHistoryStep(props: StepProps) {
  const { draft, today } = props;
  const gaps = workHistoryGaps(draft, today || undefined);
  const gapBefore = new Map(gaps.map((gap) => [gap.beforeJobIndex, gap.months]));
  const currentGap = gapBefore.get(null);

  function setJob(
    index: number,
    key: 'employer' | 'role' | 'startMonth' | 'endMonth' | 'gapBeforeExplanation',
  ) {
    return (d: typeof draft, value: string) => ({
      ...d,
      workHistory: d.workHistory.map((job, i) => (i === index ? { ...job, [key]: value } : job)),
    });
  }

  function add() {
    const index = draft.workHistory.length;
    props.change('workHistory', (d) => ({
      ...d,
      workHistory: [...d.workHistory, emptyJob(`job-${newUuid()}`)],
    }));
    props.requestFocus(fieldId(`workHistory.${index}.employer`));
  }

  function remove(job: JobDraft) {
    props.change('workHistory', (d) => ({ ...d, workHistory: d.workHistory.filter((j) => j.id !== job.id) }));
    props.requestFocus(ADD_ID);
  }

  return (
    <>
      <p className="text-slate-700">
        Your clinical jobs, most recent first. If you had a gap of more than {MAX_UNEXPLAINED_GAP_MONTHS}{' '}
        months between jobs, or since your last job, we&rsquo;ll ask you to explain it.
      </p>
      <RepeatableFieldsets
        items={draft.workHistory}
        noun="Job"
        listError={props.error('workHistory')}
        listErrorId="ca-workHistory"
        addId={ADD_ID}
        addLabel="Add another job"
        max={MAX_JOBS}
        onAdd={add}
        onRemove={remove}
        renderItem={(job, index) => {
          const gapMonths = gapBefore.get(index);
          return (
            <div className="grid gap-5 sm:grid-cols-2">
              <TextField
                {...bind(props, `workHistory.${index}.employer`, job.employer, setJob(index, 'employer'))}
                label="Employer"
                autoComplete="off"
              />
              <TextField
                {...bind(props, `workHistory.${index}.role`, job.role, setJob(index, 'role'))}
                label="Role"
                autoComplete="off"
                hint="For example Attending psychiatrist"
              />
              <TextField
                {...bind(
                  props,
                  `workHistory.${index}.startMonth`,
                  job.startMonth,
                  setJob(index, 'startMonth'),
                )}
                label="Start month"
                {...monthField}
                hint="YYYY-MM, like 2021-09"
              />
              {/* "Current job" first: ticking it removes the end month, so it is asked before it. */}
              <div className="space-y-5">
                <CheckboxField
                  id={fieldId(`workHistory.${index}.current`)}
                  name={`workHistory.${index}.current`}
                  label="This is my current job"
                  checked={job.current}
                  error={undefined}
                  onChange={(checked) =>
                    props.change(`workHistory.${index}.endMonth`, (d) => ({
                      ...d,
                      workHistory: d.workHistory.map((j, i) =>
                        i === index ? { ...j, current: checked } : j,
                      ),
                    }))
                  }
                />
                {job.current ? null : (
                  <TextField
                    {...bind(props, `workHistory.${index}.endMonth`, job.endMonth, setJob(index, 'endMonth'))}
                    label="End month"
                    {...monthField}
                    hint="YYYY-MM, like 2023-06"
                  />
                )}
              </div>
              {gapMonths !== undefined ? (
                <TextAreaField
                  {...bind(
                    props,
                    `workHistory.${index}.gapBeforeExplanation`,
                    job.gapBeforeExplanation,
                    setJob(index, 'gapBeforeExplanation'),
                  )}
                  label={`Explain the gap of ${gapMonths} months before this job`}
                  hint="For example parental leave, further training or time abroad."
                  maxLength={1000}
                  className="sm:col-span-2"
                />
              ) : null}
            </div>
          );
        }}
      />

      {currentGap !== undefined ? (
        <TextAreaField
          {...bind(props, 'currentGapExplanation', draft.currentGapExplanation, (d, v) => ({
            ...d,
            currentGapExplanation: v,
          }))}
          label={`Explain the gap of ${currentGap} months since your last job`}
          hint="For example parental leave, further training or time abroad."
          maxLength={1000}
          className="mt-6"
        />
      ) : null}

      <div className="mt-6">
        {props.renderDocument({
          slot: 'cv',
          path: 'documents.cv',
          label: 'CV',
          hint: 'Your current CV or résumé: PDF, JPEG or PNG, 10 MB or smaller.',
        })}
      </div>
    </>
  );
}
