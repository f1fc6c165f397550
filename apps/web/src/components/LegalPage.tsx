import { formatEffectiveDate, type LegalDocument } from '@telehealth/contracts';
import type { ReactNode } from 'react';

type LegalPageProps = (
  | { title: string; document?: undefined }
  /** A versioned document (accepted at signup): its title, then its version and effective date. */
  | { title?: undefined; document: LegalDocument }
) & { intro: ReactNode; children: ReactNode };

/** The legal documents: a readable prose column (the marketing layout adds header and footer). */
export function LegalPage({ title, intro, document, children }: LegalPageProps) {
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-12 sm:px-6 sm:py-16 lg:px-8">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">
        {document?.title ?? title}
      </h1>
      {document ? (
        <p className="mt-2 text-sm text-slate-600">
          Version {document.version}, effective {formatEffectiveDate(document.effectiveOn)}
        </p>
      ) : null}
      <div className="mt-4 text-lg text-slate-700">{intro}</div>
      <div className="mt-10 space-y-8 text-slate-700">{children}</div>
    </main>
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

/** An email address as a mailto link, for use inside the prose (support, the privacy contact). */
export function SupportEmailLink({ email }: { email: string }) {
  return (
    <a href={`mailto:${email}`} className="font-medium text-brand-700 underline underline-offset-2">
      {email}
    </a>
  );
}

/** A link to another page, inside the prose. */
export function ProseLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} className="font-medium text-brand-700 underline underline-offset-2">
      {children}
    </a>
  );
}
