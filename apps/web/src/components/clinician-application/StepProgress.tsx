import { HEADING_ID, stepLabel, steps } from './step-definitions';

/** The steps as an ordered list: done, current (`aria-current="step"`) and to come. */
export function StepProgress({ current }: { current: number }) {
  return (
    <nav aria-label="Application steps">
      <ol className="grid grid-cols-3 gap-x-2 gap-y-3 sm:grid-cols-5">
        {steps.map((step, index) => {
          const state = index < current ? 'done' : index === current ? 'current' : 'todo';
          return (
            <li
              key={step.id}
              aria-current={state === 'current' ? 'step' : undefined}
              className="flex min-w-0 flex-col gap-1.5"
            >
              <span
                aria-hidden="true"
                className={`h-1.5 rounded-full ${state === 'todo' ? 'bg-slate-200' : 'bg-brand-600'}`}
              />
              <span
                className={`text-xs leading-tight break-words ${
                  state === 'current' ? 'font-semibold text-brand-900' : 'text-slate-600'
                }`}
              >
                <span aria-hidden="true">{index + 1}. </span>
                {step.title}
                {state === 'done' ? <span className="sr-only"> (done)</span> : null}
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** "Step n of 9" and the step's heading, which the form focuses when it moves to the step. */
export function StepHeader({ current }: { current: number }) {
  return (
    <>
      <p className="text-sm font-semibold text-brand-700">{stepLabel(current)}</p>
      <h2 id={HEADING_ID} tabIndex={-1} className="mt-1 text-2xl font-bold tracking-tight text-slate-900">
        {steps[current]?.title}
      </h2>
    </>
  );
}
