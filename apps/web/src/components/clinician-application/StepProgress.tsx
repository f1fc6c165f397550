import type { MouseEvent } from 'react';
import { HEADING_ID, stepLabel, steps } from './step-definitions';

export interface StepProgressProps {
  current: number;
  /** The furthest step reached; steps up to it (other than the current one) are links. */
  furthest: number;
  onVisit: (step: number) => void;
}

/** `?step=licenses`: the URL of a step, so a link to it works in a new tab or after a reload too. */
export function stepHref(index: number): string {
  return `?step=${steps[index]?.id ?? steps[0].id}`;
}

function StepLink({
  index,
  onVisit,
  className,
}: {
  index: number;
  onVisit: (step: number) => void;
  className: string;
}) {
  const visit = (event: MouseEvent<HTMLAnchorElement>) => {
    // A plain click stays in the page; a modified one (new tab) follows the href.
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
    event.preventDefault();
    onVisit(index);
  };
  return (
    <a href={stepHref(index)} className={className} onClick={visit}>
      <span>
        <span aria-hidden="true">{index + 1}. </span>
        {steps[index]?.title}
      </span>
    </a>
  );
}

/**
 * The steps as an ordered list: done, current (`aria-current="step"`) and to come. Steps reached
 * before are links back (and forward again). On a phone the list folds away behind one line,
 * "Step 3 of 9: State licenses", instead of two rows of small labels.
 */
export function StepProgress({ current, furthest, onVisit }: StepProgressProps) {
  const items = (variant: 'phone' | 'wide') =>
    steps.map((step, index) => {
      const state = index < current ? 'done' : index === current ? 'current' : 'todo';
      const linked = index !== current && index <= furthest;
      const text =
        variant === 'wide'
          ? `block text-xs leading-tight break-words ${state === 'current' ? 'font-semibold text-brand-900' : 'text-slate-600'}`
          : `block text-sm ${state === 'current' ? 'font-semibold text-brand-900' : 'text-slate-700'}`;
      return (
        <li
          key={step.id}
          aria-current={state === 'current' ? 'step' : undefined}
          className={variant === 'wide' ? 'flex min-w-0 flex-col gap-1.5' : ''}
        >
          {variant === 'wide' ? (
            <span
              aria-hidden="true"
              className={`h-1.5 rounded-full ${state === 'todo' ? 'bg-slate-200' : 'bg-brand-600'}`}
            />
          ) : null}
          {linked ? (
            <StepLink
              index={index}
              onVisit={onVisit}
              className={`${text} -mx-1 flex min-h-11 items-start rounded px-1 py-1 text-brand-700 underline underline-offset-2 hover:no-underline`}
            />
          ) : (
            <span className={`${text} ${variant === 'phone' ? 'flex min-h-11 items-center' : ''}`}>
              <span>
                <span aria-hidden="true">{index + 1}. </span>
                {step.title}
              </span>
            </span>
          )}
          {state === 'done' ? <span className="sr-only"> (done)</span> : null}
        </li>
      );
    });

  return (
    <nav aria-label="Application steps">
      <details className="group sm:hidden">
        <summary className="flex min-h-11 cursor-pointer list-none items-center justify-between gap-3 rounded-md border border-slate-300 px-3 py-2 text-sm font-semibold text-slate-900 [&::-webkit-details-marker]:hidden">
          <span>
            {stepLabel(current)}: {steps[current]?.title}
          </span>
          <span aria-hidden="true" className="text-brand-700 transition-transform group-open:rotate-180">
            ▾
          </span>
        </summary>
        <ol className="mt-2 space-y-0.5 px-1">{items('phone')}</ol>
      </details>
      <div aria-hidden="true" className="mt-2 h-1.5 overflow-hidden rounded-full bg-slate-200 sm:hidden">
        <div className="h-full bg-brand-600" style={{ width: `${((current + 1) / steps.length) * 100}%` }} />
      </div>
      <ol className="hidden grid-cols-3 gap-x-2 gap-y-3 sm:grid sm:grid-cols-5">{items('wide')}</ol>
    </nav>
  );
}

/** "Step n of 9" (on wider screens; a phone says it in the progress line) and the step's heading, focused on arrival. */
export function StepHeader({ current }: { current: number }) {
  return (
    <>
      <p className="hidden text-sm font-semibold text-brand-700 sm:block">{stepLabel(current)}</p>
      <h2 id={HEADING_ID} tabIndex={-1} className="mt-1 text-2xl font-bold tracking-tight text-slate-900">
        {steps[current]?.title}
      </h2>
    </>
  );
}
