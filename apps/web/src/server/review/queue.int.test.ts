import { randomUUID } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { applicationDetailSchema, applicationQueueSchema, documentLinkSchema } from '@telehealth/contracts';
import { AuditRepository } from '@telehealth/data';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as documentGET } from '@/app/api/admin/clinician/applications/[applicationId]/documents/[index]/route';
import { GET as detailGET } from '@/app/api/admin/clinician/applications/[applicationId]/route';
import { GET as queueGET } from '@/app/api/admin/clinician/applications/route';
import { dynamoDocumentClient, s3Client } from '@/server/aws';
import { serverEnv } from '@/server/env';
import { storeApplication } from '@/test/applications';
import { samplePdf } from '@/test/documents';
import { uniqueIp } from '@/test/requests';
import { createStaff, sessionCookie, type TestStaff } from '@/test/staff';
import { expiryWarnings, QUEUE_PAGE_SIZE } from './service';

const auditLog = () => new AuditRepository(dynamoDocumentClient(), serverEnv().tableNames.audit);

let admin: TestStaff;
beforeAll(async () => {
  admin = await createStaff('admin');
});

// biome-ignore lint/suspicious/noExplicitAny: each route's params type differs; tests pass the params they need.
type Handler = (request: Request, segment?: { params: Promise<any> }) => Promise<Response>;

/** A GET as an admin, with the query in the URL (callRoute has none). */
async function get(handler: Handler, url: string, params: Record<string, string> = {}) {
  return handler(
    new Request(`http://localhost${url}`, {
      headers: { cookie: await sessionCookie(admin), 'x-forwarded-for': uniqueIp() },
    }),
    { params: Promise.resolve(params) },
  );
}

describe('the review queue', () => {
  it('lists a status newest first through the index, a page at a time, with counts', async () => {
    // Dated in the future, so these are the newest submitted applications whatever else the run stored.
    const base = Date.UTC(2099, 0, 1);
    const stored = await Promise.all(
      Array.from({ length: QUEUE_PAGE_SIZE + 2 }, (_, i) =>
        storeApplication({ submittedAt: new Date(base + i * 60_000) }),
      ),
    );
    const newestFirst = [...stored].reverse().map((r) => r.applicationId);

    const first = await get(queueGET, '/api/admin/clinician/applications?status=SUBMITTED');
    expect(first.status).toBe(200);
    const page1 = applicationQueueSchema.parse(await first.json());
    expect(page1.items.map((i) => i.applicationId)).toEqual(newestFirst.slice(0, QUEUE_PAGE_SIZE));
    expect(page1.counts.SUBMITTED).toBeGreaterThanOrEqual(QUEUE_PAGE_SIZE + 2);
    expect(Object.keys(page1.counts).sort()).toEqual([
      'APPROVED',
      'INFO_REQUESTED',
      'IN_REVIEW',
      'REJECTED',
      'SUBMITTED',
    ]);
    expect(page1.items[0]).toMatchObject({ name: 'Maria Lopez', status: 'SUBMITTED', profession: 'LCSW' });
    expect(page1.nextCursor).toBeTruthy();

    const second = await get(
      queueGET,
      `/api/admin/clinician/applications?status=SUBMITTED&cursor=${page1.nextCursor}`,
    );
    const page2 = applicationQueueSchema.parse(await second.json());
    expect(page2.items.slice(0, 2).map((i) => i.applicationId)).toEqual(newestFirst.slice(QUEUE_PAGE_SIZE));
  });

  it('searches by name or email, case-insensitive', async () => {
    // Letters only (a name field): a surname no other test uses.
    const lastName = `Quintero${Array.from(randomUUID().replace(/-/g, '').slice(0, 8), (c) => String.fromCharCode(97 + (Number.parseInt(c, 16) % 26))).join('')}`;
    const [older, newer] = [
      await storeApplication({ legalLastName: lastName, submittedAt: new Date(Date.now() - 60_000) }),
      await storeApplication({ legalLastName: lastName }),
    ];
    const byName = applicationQueueSchema.parse(
      await (await get(queueGET, `/api/admin/clinician/applications?q=${lastName.toUpperCase()}`)).json(),
    );
    expect(byName.items.map((i) => i.applicationId)).toEqual([newer.applicationId, older.applicationId]);

    const byEmail = applicationQueueSchema.parse(
      await (
        await get(queueGET, `/api/admin/clinician/applications?q=${encodeURIComponent(older.email)}`)
      ).json(),
    );
    expect(byEmail.items.map((i) => i.email)).toEqual([older.email]);
  });

  it('refuses an unknown status and a forged cursor with 400', async () => {
    const status = await get(queueGET, '/api/admin/clinician/applications?status=LOST');
    expect(status.status).toBe(400);
    expect((await status.json()).error.issues[0].path).toBe('status');
    const cursor = await get(queueGET, '/api/admin/clinician/applications?cursor=not-a-cursor');
    expect(cursor.status).toBe(400);
    expect((await cursor.json()).error.message).toBe(
      'This page link is out of date. Go back to the first page.',
    );
  });
});

describe('one application', () => {
  it('shows every field, the NPI registry link and expiry warnings; each read is audited', async () => {
    const record = await storeApplication();
    const response = await get(detailGET, `/api/admin/clinician/applications/${record.applicationId}`, {
      applicationId: record.applicationId,
    });
    expect(response.status).toBe(200);
    const detail = applicationDetailSchema.parse(await response.json());
    expect(detail).toMatchObject({
      referenceNumber: record.referenceNumber,
      email: record.email,
      npiRegistryUrl: 'https://npiregistry.cms.hhs.gov/provider-view/1234567893',
      application: { legalFirstName: 'Maria', npi: '1234567893', licenses: [{ state: 'CA' }] },
    });
    const events = await auditLog().listForSubject(`clinician-application#${record.applicationId}`);
    expect(events.filter((e) => e.action === 'clinician.application.viewed')).toEqual([
      expect.objectContaining({ actor: `staff#${admin.userId}` }),
    ]);
  });

  it('warns about dates past or within 90 days', () => {
    const now = new Date('2027-01-01T12:00:00Z');
    expect(
      expiryWarnings(
        {
          licenses: [{ expiresOn: '2026-12-31' }, { expiresOn: '2027-02-01' }, { expiresOn: '2028-01-01' }],
          malpractice: { expiresOn: '2027-03-01' },
        },
        now,
      ),
    ).toEqual([
      {
        path: 'licenses.0.expiresOn',
        expiresOn: '2026-12-31',
        expired: true,
        message: 'Expired on 2026-12-31.',
      },
      {
        path: 'licenses.1.expiresOn',
        expiresOn: '2027-02-01',
        expired: false,
        message: 'Expires on 2027-02-01, within 90 days.',
      },
      {
        path: 'malpractice.expiresOn',
        expiresOn: '2027-03-01',
        expired: false,
        message: 'Expires on 2027-03-01, within 90 days.',
      },
    ]);
  });

  it('opens a document through a 60-second presigned link (a PDF inline); each view is audited', async () => {
    const applicationId = randomUUID();
    const key = `applications/${applicationId}/cv.pdf`;
    await s3Client().send(
      new PutObjectCommand({
        Bucket: serverEnv().AWS_S3_UPLOAD_BUCKET,
        Key: key,
        Body: samplePdf,
        ContentType: 'application/pdf',
      }),
    );
    const record = await storeApplication({
      documents: [
        {
          key,
          uploadedKey: `drafts/x/${key}`,
          purpose: 'cv',
          fileName: 'Maria Lopez CV.pdf',
          contentType: 'application/pdf',
          size: samplePdf.length,
          verifiedAt: new Date().toISOString(),
        },
      ],
    });
    const params = { applicationId: record.applicationId, index: '0' };
    const response = await get(documentGET, `/api/admin/clinician/applications/x/documents/0`, params);
    expect(response.status).toBe(200);
    const answer = documentLinkSchema.parse(await response.json());
    expect(answer).toMatchObject({ expiresInSeconds: 60, disposition: 'inline' });
    const link = new URL(answer.url);
    expect(link.searchParams.get('X-Amz-Expires')).toBe('60');
    const file = await fetch(link);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe('inline; filename="Maria Lopez CV.pdf"');
    expect(Buffer.from(await file.arrayBuffer()).equals(samplePdf)).toBe(true);

    const missing = await get(documentGET, '/x', { applicationId: record.applicationId, index: '3' });
    expect(missing.status).toBe(404);
    const events = await auditLog().listForSubject(`clinician-application#${record.applicationId}`);
    expect(events.filter((e) => e.action === 'clinician.application.document_viewed')).toEqual([
      expect.objectContaining({ actor: `staff#${admin.userId}`, details: { document: 0, purpose: 'cv' } }),
    ]);
  });
});
