import { randomUUID } from 'node:crypto';
import { applicationIdParamsSchema, documentPurposeLabels } from '@telehealth/contracts';
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { DecisionPanel } from '@/components/portal/review/DecisionPanel';
import { DocumentButton } from '@/components/portal/review/DocumentButton';
import { statusLabels } from '@/components/portal/review/labels';
import { Card } from '@/components/portal/ui';
import { serverEnv } from '@/server/env';
import { ApiError, clientIp } from '@/server/http';
import { reviewService } from '@/server/review';
import { requireStaff } from '@/server/staff/auth';

export const metadata: Metadata = { title: 'Clinician application' };

/** `licenses.0.expiresOn` → "Licenses 1 expires on". */
function humanize(path: string): string {
  const words = path
    .split('.')
    .map((part) =>
      /^\d+$/.test(part) ? String(Number(part) + 1) : part.replace(/([A-Z])/g, ' $1').toLowerCase(),
    )
    .join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Every answer as stored: nested objects and lists as nested lists, nothing left out. */
function Answers({ value }: { value: unknown }): ReactNode {
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="text-slate-600">None</span>;
    return (
      <ol className="list-decimal space-y-2 pl-5">
        {value.map((item, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the stored order is the identity here.
          <li key={i}>
            <Answers value={item} />
          </li>
        ))}
      </ol>
    );
  }
  if (value && typeof value === 'object') {
    return (
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[minmax(10rem,auto)_1fr]">
        {Object.entries(value).map(([key, inner]) => (
          <div key={key} className="contents">
            <dt className="font-semibold text-slate-800">{humanize(key)}</dt>
            <dd className="break-words text-slate-900">
              <Answers value={inner} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value ?? '');
}

export default async function ApplicationPage({ params }: { params: Promise<{ applicationId: string }> }) {
  const staff = await requireStaff(['admin']);
  if (staff.forbidden) {
    return (
      <main id="main" className="mx-auto max-w-5xl px-4 py-8">
        <h1 className="text-2xl font-bold tracking-tight">Clinician application</h1>
        <p className="mt-2 text-slate-700">Only admins review applications. Ask an admin if you need this.</p>
      </main>
    );
  }
  const parsed = applicationIdParamsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const env = serverEnv();
  const context = {
    requestId: randomUUID(),
    actor: { userId: staff.userId, role: staff.role },
    params: {},
    ip: clientIp(await headers(), { source: env.CLIENT_IP_SOURCE, trustedProxyHops: env.TRUSTED_PROXY_HOPS }),
    now: new Date(),
  };
  let detail: Awaited<ReturnType<ReturnType<typeof reviewService>['detail']>>;
  try {
    detail = await reviewService().detail(parsed.data.applicationId, context);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'not_found') notFound();
    throw error;
  }
  const { application } = detail;
  const name = `${String(application.legalFirstName)} ${String(application.legalLastName)}`;

  return (
    <main id="main" className="mx-auto max-w-5xl px-4 py-8">
      <p>
        <Link href="/portal/applications" className="text-brand-700 underline underline-offset-4">
          All applications
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">{name}</h1>
      <p className="mt-1 text-slate-700">
        {detail.referenceNumber} · <strong>{statusLabels[detail.status]}</strong> · submitted{' '}
        <time dateTime={detail.submittedAt}>{detail.submittedAt.slice(0, 10)}</time>
      </p>

      {detail.warnings.length > 0 && (
        <section
          aria-labelledby="warnings-title"
          className="mt-6 rounded-md border border-amber-700 bg-amber-50 p-4 text-amber-950"
        >
          <h2 id="warnings-title" className="font-bold">
            Expiry warnings
          </h2>
          <ul className="mt-2 list-disc pl-5">
            {detail.warnings.map((warning) => (
              <li key={warning.path}>
                {humanize(warning.path.replace(/\.expiresOn$/, ''))}: {warning.message}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="decision-title" className="mt-6">
        <Card>
          <h2 id="decision-title" className="text-xl font-bold">
            Decision
          </h2>
          <DecisionPanel applicationId={detail.applicationId} status={detail.status} />
          {detail.decisions.length > 0 && (
            <>
              <h3 className="mt-6 font-bold">History</h3>
              <ol className="mt-2 space-y-1 text-sm text-slate-800">
                {detail.decisions.map((decision) => (
                  <li key={`${decision.at}-${decision.action}`}>
                    <time dateTime={decision.at}>{decision.at.slice(0, 16).replace('T', ' ')} UTC</time>:{' '}
                    {statusLabels[decision.from]} → {statusLabels[decision.to]}
                    {decision.reason ? ` (reason: ${decision.reason})` : ''}
                    {decision.message ? ` (asked: ${decision.message})` : ''}
                  </li>
                ))}
              </ol>
            </>
          )}
        </Card>
      </section>

      <section aria-labelledby="npi-title" className="mt-6">
        <h2 id="npi-title" className="text-xl font-bold">
          NPI
        </h2>
        <p className="mt-1">
          {String(application.npi)}:{' '}
          <a
            href={detail.npiRegistryUrl}
            target="_blank"
            rel="noopener noreferrer"
            className="text-brand-700 underline underline-offset-4"
          >
            look it up in the NPI registry (opens in a new tab)
          </a>
        </p>
      </section>

      <section aria-labelledby="documents-title" className="mt-6">
        <h2 id="documents-title" className="text-xl font-bold">
          Documents
        </h2>
        {detail.documents.length === 0 ? (
          <p className="mt-1 text-slate-700">This application has no documents.</p>
        ) : (
          <ul className="mt-2 space-y-3">
            {detail.documents.map((doc) => {
              const label =
                documentPurposeLabels[doc.purpose as keyof typeof documentPurposeLabels] ?? doc.purpose;
              return (
                <li key={doc.index} className="flex flex-wrap items-center gap-3">
                  <DocumentButton applicationId={detail.applicationId} index={doc.index} label={label} />
                  <span className="break-all text-sm text-slate-700">
                    {doc.fileName} ({Math.ceil(doc.size / 1024)} KB)
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="answers-title" className="mt-6">
        <Card>
          <h2 id="answers-title" className="text-xl font-bold">
            Application
          </h2>
          <div className="mt-4">
            <Answers value={{ email: detail.email, ...application }} />
          </div>
        </Card>
      </section>
    </main>
  );
}
