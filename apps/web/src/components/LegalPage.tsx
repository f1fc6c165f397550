import type { ReactNode } from 'react';
import { SiteFooter } from './SiteFooter';
import { SiteHeader } from './SiteHeader';

interface LegalPageProps {
  brandName: string;
  supportEmail: string;
  title: string;
  intro: ReactNode;
  children: ReactNode;
}

/** Frame for the privacy notice and terms: shared header and footer, readable prose column. */
export function LegalPage({ brandName, supportEmail, title, intro, children }: LegalPageProps) {
  return (
    <>
      <SiteHeader brandName={brandName} />
      <main id="main" className="mx-auto max-w-3xl px-4 py-12 sm:px-6 sm:py-16 lg:px-8">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">{title}</h1>
        <div className="mt-4 text-lg text-slate-700">{intro}</div>
        <div className="mt-10 space-y-8 text-slate-700">{children}</div>
      </main>
      <SiteFooter brandName={brandName} supportEmail={supportEmail} />
    </>
  );
}

export function LegalSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-3">
      <h2 className="text-xl font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

export function BulletList({ children }: { children: ReactNode }) {
  return <ul className="list-disc space-y-1.5 pl-6">{children}</ul>;
}

/** The support address as a mailto link, for use inside the prose. */
export function SupportEmailLink({ email }: { email: string }) {
  return (
    <a href={`mailto:${email}`} className="font-medium text-brand-700 underline underline-offset-2">
      {email}
    </a>
  );
}
