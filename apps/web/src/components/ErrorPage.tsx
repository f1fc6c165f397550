import type { ReactNode } from 'react';

/**
 * The body of the 404 and error pages: what happened in plain words and the ways back. The frame
 * (header and footer) comes from whoever renders it.
 */
export function ErrorPageBody({
  eyebrow,
  title,
  children,
  actions,
}: {
  eyebrow: string;
  title: string;
  children: ReactNode;
  actions: ReactNode;
}) {
  return (
    <main id="main" className="bg-gradient-to-b from-brand-50 to-white">
      <div className="mx-auto max-w-2xl px-4 py-16 sm:px-6 sm:py-24 lg:px-8">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{eyebrow}</p>
        <h1 className="mt-3 text-3xl font-bold tracking-tight text-balance text-slate-900 sm:text-4xl">
          {title}
        </h1>
        <div className="mt-4 space-y-3 text-lg text-slate-700">{children}</div>
        <div className="mt-8 flex flex-col gap-3 sm:flex-row">{actions}</div>
        <p className="mt-10 text-sm text-slate-600">
          If you have a medical emergency, call 911. If you are in crisis, call or text 988.
        </p>
      </div>
    </main>
  );
}

export const primaryAction =
  'inline-flex min-h-11 items-center justify-center rounded-md bg-brand-600 px-6 py-3 text-base font-semibold text-white shadow-sm hover:bg-brand-700';
export const secondaryAction =
  'inline-flex min-h-11 items-center justify-center rounded-md border border-slate-300 bg-white px-6 py-3 text-base font-semibold text-slate-800 hover:bg-slate-50';
