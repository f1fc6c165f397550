import type { ReactNode } from 'react';

export const buttonClass =
  'inline-flex min-h-11 items-center justify-center rounded-md bg-brand-700 px-5 py-2.5 text-base font-semibold text-white shadow-sm hover:bg-brand-900 disabled:cursor-not-allowed disabled:opacity-60';
export const secondaryButtonClass =
  'inline-flex min-h-11 items-center justify-center rounded-md border border-slate-500 bg-white px-4 py-2 text-base font-semibold text-slate-900 hover:bg-slate-50';
export const inputClass =
  'mt-1.5 block w-full rounded-md border border-slate-500 bg-white px-3 py-2.5 text-base text-slate-900 shadow-sm focus:border-brand-600 aria-[invalid=true]:border-red-700 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-700';

/** A message for the whole form, announced when it appears. */
export function FormAlert({ id, children }: { id?: string; children: ReactNode }) {
  if (!children) return null;
  return (
    <div
      id={id}
      role="alert"
      className="mt-4 rounded-md border border-red-700 bg-red-50 p-3 text-sm text-red-900"
    >
      {children}
    </div>
  );
}

export function Card({ children }: { children: ReactNode }) {
  return <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-8">{children}</div>;
}
