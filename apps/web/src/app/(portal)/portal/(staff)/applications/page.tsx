import { applicationQueueQuerySchema, clinicianApplicationStatuses } from '@telehealth/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { emptyMessages, statusLabels } from '@/components/portal/review/labels';
import { buttonClass, Card, inputClass } from '@/components/portal/ui';
import { reviewService } from '@/server/review';
import { requireStaff } from '@/server/staff/auth';

export const metadata: Metadata = { title: 'Clinician applications' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The review queue: a tab a status with its count, newest first, a search on name or email. */
export default async function ApplicationsPage({ searchParams }: { searchParams: SearchParams }) {
  const staff = await requireStaff(['admin']);
  if (staff.forbidden) {
    return (
      <main id="main" className="mx-auto max-w-5xl px-4 py-8">
        <h1 className="text-2xl font-bold tracking-tight">Clinician applications</h1>
        <p className="mt-2 text-slate-700">Only admins review applications. Ask an admin if you need this.</p>
      </main>
    );
  }
  const raw = await searchParams;
  const one = (value: string | string[] | undefined) =>
    (Array.isArray(value) ? value[0] : value) || undefined;
  const parsed = applicationQueueQuerySchema.safeParse({
    status: one(raw.status),
    q: one(raw.q),
    cursor: one(raw.cursor),
  });
  const query = parsed.success ? parsed.data : applicationQueueQuerySchema.parse({});
  const queue = await reviewService().queue(query);
  const link = (params: Record<string, string | undefined>) =>
    `/portal/applications?${new URLSearchParams(
      Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1])),
    ).toString()}`;

  return (
    <main id="main" className="mx-auto max-w-5xl px-4 py-8">
      <h1 className="text-2xl font-bold tracking-tight">Clinician applications</h1>
      {!parsed.success && (
        <p role="alert" className="mt-4 rounded-md border border-red-700 bg-red-50 p-3 text-sm text-red-900">
          That link was out of date, so this is the first page of new applications.
        </p>
      )}
      <nav aria-label="Application status" className="mt-6 overflow-x-auto">
        <ul className="flex gap-2">
          {clinicianApplicationStatuses.map((status) => (
            <li key={status}>
              <Link
                href={link({ status, q: query.q })}
                aria-current={status === queue.status ? 'page' : undefined}
                className="inline-flex min-h-11 items-center whitespace-nowrap rounded-md border border-slate-300 px-3 py-2 text-sm font-semibold text-slate-900 aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-700 aria-[current=page]:text-white"
              >
                {statusLabels[status]} ({queue.counts[status]})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <search className="mt-4 block">
        <form action="/portal/applications" className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="status" value={queue.status} />
          <div className="min-w-0 flex-1">
            <label htmlFor="application-search" className="block text-sm font-semibold text-slate-800">
              Search by name or email
            </label>
            <input
              id="application-search"
              name="q"
              type="search"
              defaultValue={query.q ?? ''}
              autoComplete="off"
              spellCheck={false}
              className={inputClass}
            />
          </div>
          <button type="submit" className={buttonClass}>
            Search
          </button>
        </form>
      </search>
      <section aria-labelledby="list-title" className="mt-6">
        <h2 id="list-title" className="sr-only">
          {statusLabels[queue.status]} applications
        </h2>
        {queue.items.length === 0 ? (
          <Card>
            <p className="text-slate-700">
              {query.q
                ? `No ${statusLabels[queue.status].toLowerCase()} application matches “${query.q}”${queue.nextCursor ? ' in this part of the list' : ''}. Check the spelling, or search another tab.`
                : emptyMessages[queue.status]}
            </p>
          </Card>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {queue.items.map((item) => (
              <li key={item.applicationId} className="p-4">
                <Link
                  href={`/portal/applications/${item.applicationId}`}
                  className="font-semibold text-brand-700 underline underline-offset-4"
                >
                  {item.name}
                </Link>
                <p className="mt-1 break-all text-sm text-slate-700">{item.email}</p>
                <p className="mt-1 text-sm text-slate-700">
                  {item.profession} · {item.referenceNumber} · submitted{' '}
                  <time dateTime={item.submittedAt}>{item.submittedAt.slice(0, 10)}</time>
                </p>
              </li>
            ))}
          </ul>
        )}
        {queue.nextCursor && (
          <p className="mt-4">
            <Link
              href={link({ status: queue.status, q: query.q, cursor: queue.nextCursor })}
              className="font-semibold text-brand-700 underline underline-offset-4"
            >
              Older applications
            </Link>
          </p>
        )}
      </section>
    </main>
  );
}
