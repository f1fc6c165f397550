import { randomUUID } from 'node:crypto';
import {
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
} from '@aws-sdk/client-s3';
import {
  type ClinicianApplicationInput,
  type DocumentPurpose,
  type DocumentRef,
  makeClinicianApplicationSchema,
} from '@telehealth/contracts';
import { clinicianApplicationInput } from '@telehealth/contracts/fixtures';
import { AuditRepository, ClinicianApplicationRepository, openApplicationLockId } from '@telehealth/data';
import { describe, expect, it } from 'vitest';
import { POST as applyPOST } from '@/app/api/clinician/apply/route';
import { POST as emailCodePOST } from '@/app/api/clinician/email/code/route';
import { POST as emailVerifyPOST } from '@/app/api/clinician/email/verify/route';
import { POST as presignPOST } from '@/app/api/uploads/presign/route';
import { AuditTrail } from '@/server/audit/audit';
import { dynamoDocumentClient, s3Client } from '@/server/aws';
import { sendEmail } from '@/server/email/send';
import { publicConfig, serverEnv } from '@/server/env';
import { rateLimiter } from '@/server/rate-limit';
import { uploadService } from '@/server/uploads';
import { sampleExe, samplePdf, samplePng } from '@/test/documents';
import { inboxFor, latestCodeFor } from '@/test/inbox';
import { postJson, TestBrowser } from '@/test/requests';
import { applyLimit, createApplicationService } from './service';

const applications = () =>
  new ClinicianApplicationRepository(dynamoDocumentClient(), serverEnv().tableNames.clinicianApplications);
const auditLog = () => new AuditRepository(dynamoDocumentClient(), serverEnv().tableNames.audit);
const sesEndpoint = () => serverEnv().SES_ENDPOINT as string;

type ContentType = DocumentRef['contentType'];

async function presign(draftId: string, purpose: DocumentPurpose, contentType: string, size: number) {
  return postJson(presignPOST, { draftId, purpose, fileName: `${purpose}.file`, contentType, size });
}

/** Presigns and PUTs real bytes to the local S3, as the browser does; returns the document reference. */
async function upload(
  draftId: string,
  purpose: DocumentPurpose,
  bytes: Buffer,
  contentType: ContentType = 'application/pdf',
  /** The license (`licenseIndex`) or DEA registration (`deaIndex`) the document belongs to. */
  index?: number,
): Promise<DocumentRef> {
  const response = await presign(draftId, purpose, contentType, bytes.length);
  expect(response.status).toBe(200);
  const { url, key, headers } = await response.json();
  const put = await fetch(url, { method: 'PUT', headers, body: new Uint8Array(bytes) });
  expect(put.status).toBe(200);
  return {
    key,
    purpose,
    fileName: `${purpose}.${contentType === 'image/png' ? 'png' : 'pdf'}`,
    contentType,
    size: bytes.length,
    ...(index === undefined ? {} : purpose === 'dea' ? { deaIndex: index } : { licenseIndex: index }),
  };
}

/** A complete application whose documents were really uploaded to the local S3. */
async function application(
  overrides: Partial<ClinicianApplicationInput> = {},
): Promise<ClinicianApplicationInput & { documents: DocumentRef[] }> {
  const draftId = overrides.draftId ?? randomUUID();
  const documents = [
    await upload(draftId, 'license', samplePdf, 'application/pdf', 0),
    await upload(draftId, 'cv', samplePdf),
    await upload(draftId, 'malpractice', samplePng, 'image/png'),
  ];
  return clinicianApplicationInput({ draftId, documents, ...overrides }) as ClinicianApplicationInput & {
    documents: DocumentRef[];
  };
}

const provenBrowsers = new Map<string, Promise<TestBrowser>>();

/** A browser that proved `email` with the emailed code, as every applicant does first; one per email. */
function applicantBrowser(email: string): Promise<TestBrowser> {
  const normalized = email.trim().toLowerCase();
  let browser = provenBrowsers.get(normalized);
  if (!browser) {
    browser = (async () => {
      const proving = new TestBrowser();
      expect((await proving.post(emailCodePOST, { email: normalized })).status).toBe(202);
      const code = await latestCodeFor(sesEndpoint(), normalized);
      expect((await proving.post(emailVerifyPOST, { email: normalized, code })).status).toBe(200);
      return proving;
    })();
    provenBrowsers.set(normalized, browser);
  }
  return browser;
}

async function submit(input: ClinicianApplicationInput): Promise<Response> {
  return (await applicantBrowser(input.email)).post(applyPOST, input);
}

/** Emails to `to` other than the code that proved the address. */
async function lettersTo(to: string) {
  return (await inboxFor(sesEndpoint(), to)).filter((email) => !email.subject.includes('verification code'));
}

async function objectBytes(key: string): Promise<Buffer> {
  const object = await s3Client().send(
    new GetObjectCommand({ Bucket: serverEnv().AWS_S3_UPLOAD_BUCKET, Key: key }),
  );
  return Buffer.from((await object.Body?.transformToByteArray()) ?? []);
}

/** Every object under `applications/<applicationId>/`. */
async function copiesOf(applicationId: string): Promise<string[]> {
  // Listed without signing: the local S3 miscomputes signatures of signed list requests.
  const listing = await fetch(
    `${serverEnv().S3_ENDPOINT}/${serverEnv().AWS_S3_UPLOAD_BUCKET}?list-type=2&prefix=applications/${applicationId}/`,
  );
  const xml = await listing.text();
  expect(xml).toContain('<ListBucketResult');
  return [...xml.matchAll(/<Key>([^<]+)<\/Key>/g)].map((match) => match[1] as string).sort();
}

async function tagsOf(key: string): Promise<Record<string, string>> {
  const { TagSet = [] } = await s3Client().send(
    new GetObjectTaggingCommand({ Bucket: serverEnv().AWS_S3_UPLOAD_BUCKET, Key: key }),
  );
  return Object.fromEntries(TagSet.map((tag) => [tag.Key, tag.Value]));
}

async function expectNothingWritten(input: ClinicianApplicationInput) {
  expect(await applications().get(input.idempotencyKey)).toBeUndefined();
  expect(await copiesOf(input.idempotencyKey)).toEqual([]);
  expect(await applications().get(openApplicationLockId(input.email.trim().toLowerCase()))).toBeUndefined();
}

describe('clinician applications against the local stack', () => {
  it('presigns, takes real files in S3, stores the application and emails applicant and admin', async () => {
    const input = await application();
    const response = await submit(input);
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toMatchObject({ applicationId: input.idempotencyKey, status: 'SUBMITTED' });
    expect(body.referenceNumber).toMatch(/^CA-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    const record = await applications().get(body.applicationId);
    expect(record).toMatchObject({
      status: 'SUBMITTED',
      email: input.email,
      referenceNumber: body.referenceNumber,
      application: { npi: '1234567893', profession: 'LCSW', phone: '+14155550134' },
    });
    expect(record?.documents.map((d) => [d.purpose, d.contentType, d.size])).toEqual([
      ['license', 'application/pdf', samplePdf.length],
      ['cv', 'application/pdf', samplePdf.length],
      ['malpractice', 'image/png', samplePng.length],
    ]);
    // The checked copies live where no browser can write, byte for byte what was uploaded.
    for (const [i, doc] of (record?.documents ?? []).entries()) {
      expect(doc.key.startsWith(`applications/${body.applicationId}/${doc.purpose}/`)).toBe(true);
      expect(doc.uploadedKey).toBe(input.documents[i]?.key);
    }
    expect(await objectBytes(record?.documents[2]?.key ?? '')).toEqual(samplePng);

    const [confirmation] = await lettersTo(input.email);
    expect(confirmation?.subject).toContain(body.referenceNumber);
    // An honest time, and the clinician's own footer: whom to tell if they did not apply.
    expect(confirmation?.body.text).toContain('usually takes 2 to 6 weeks');
    expect(confirmation?.body.text).not.toContain('business days');
    expect(confirmation?.body.text).toContain(`If you did not apply, email ${publicConfig.supportEmail}`);
    expect(confirmation?.body.text).not.toContain('to sign up for');
    const adminEmails = await inboxFor(sesEndpoint(), serverEnv().SEED_ADMIN_EMAIL);
    const notice = adminEmails.find((e) => e.subject.includes(body.referenceNumber));
    expect(notice?.body.text).toContain(`/portal/applications/${body.applicationId}`);
    expect(notice?.body.text).not.toContain(input.email);

    const audit = await auditLog().listForSubject(`clinician-application#${body.applicationId}`);
    expect(audit.map((e) => e.action)).toEqual(['clinician.application.submitted']);
  });

  it('stores DEA registrations in two states, each with its certificate, and a lifetime board certification', async () => {
    const base = await application({ profession: 'MD' });
    const inTwoYears = `${new Date().getUTCFullYear() + 2}-06-30`;
    const input: ClinicianApplicationInput = {
      ...base,
      deaRegistrations: [
        { number: 'AB1234563', state: 'CA', expiresOn: inTwoYears },
        { number: 'fb1234563', state: 'NY', expiresOn: inTwoYears },
      ],
      boardCertification: { board: 'ABPN', certificate: 'Psychiatry', kind: 'lifetime' },
      documents: [
        ...base.documents,
        await upload(base.draftId, 'dea', samplePdf, 'application/pdf', 0),
        await upload(base.draftId, 'dea', samplePng, 'image/png', 1),
        await upload(base.draftId, 'board', samplePdf),
      ],
    };
    const response = await submit(input);
    expect(response.status).toBe(201);
    const record = await applications().get((await response.json()).applicationId);
    expect(record?.application.deaRegistrations).toEqual([
      { number: 'AB1234563', state: 'CA', expiresOn: inTwoYears },
      { number: 'FB1234563', state: 'NY', expiresOn: inTwoYears },
    ]);
    expect(record?.application.boardCertification).toEqual({
      board: 'ABPN',
      certificate: 'Psychiatry',
      kind: 'lifetime',
    });
    expect(
      record?.documents.filter((d) => d.purpose === 'dea').map((d) => [d.deaIndex, d.contentType]),
    ).toEqual([
      [0, 'application/pdf'],
      [1, 'image/png'],
    ]);
  });

  it('gives presigned URLs that expire within 5 minutes and keys that ignore the file name', async () => {
    const draftId = randomUUID();
    const response = await postJson(presignPOST, {
      draftId,
      purpose: 'cv',
      fileName: '../../etc/passwd.pdf',
      contentType: 'application/pdf',
      size: 1000,
    });
    const { key, url, expiresAt } = await response.json();
    expect(key).toMatch(new RegExp(`^drafts/${draftId}/cv/[0-9a-f-]{36}\\.pdf$`));
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('300');
    expect(new URL(url).searchParams.get('X-Amz-SignedHeaders')).toContain('content-type');
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(300_000);
  });

  it('refuses an oversize or wrongly typed file at presign with a clear 400', async () => {
    const draftId = randomUUID();
    const tooBig = await presign(draftId, 'cv', 'application/pdf', 11 * 1024 * 1024);
    expect(tooBig.status).toBe(400);
    expect((await tooBig.json()).error.issues).toEqual([
      { path: 'size', message: 'Files must be 10 MB or smaller.' },
    ]);
    const wrongType = await presign(draftId, 'cv', 'application/x-msdownload', 1000);
    expect(wrongType.status).toBe(400);
    expect((await wrongType.json()).error.issues[0]).toMatchObject({ path: 'contentType' });
  });

  it('lets S3 refuse an upload whose content type differs from the signed one', async () => {
    const response = await presign(randomUUID(), 'cv', 'application/pdf', samplePng.length);
    const { url } = await response.json();
    const put = await fetch(url, {
      method: 'PUT',
      headers: { 'content-type': 'image/png' },
      body: samplePng,
    });
    expect(put.status).toBe(403);
  });

  it('refuses an .exe renamed .pdf, naming the document, and writes nothing', async () => {
    const input = await application();
    input.documents[1] = await upload(input.draftId, 'cv', sampleExe);
    const response = await submit(input);
    expect(response.status).toBe(400);
    expect((await response.json()).error.issues).toEqual([
      {
        path: 'documents.cv',
        message: 'Your CV (cv.pdf) is not a PDF, JPEG or PNG file. Upload it again in one of those formats.',
      },
    ]);
    await expectNothingWritten(input);
  });

  it('refuses a missing object, a key outside the draft and an oversize object, and writes nothing', async () => {
    const input = await application();
    const otherDraft = await upload(randomUUID(), 'malpractice', samplePng, 'image/png');
    // The size is signed: S3 refuses more bytes than were presigned...
    const huge = Buffer.concat([samplePdf, Buffer.alloc(10 * 1024 * 1024)]);
    const presigned = await (await presign(input.draftId, 'cv', 'application/pdf', samplePdf.length)).json();
    const put = await fetch(presigned.url, {
      method: 'PUT',
      headers: presigned.headers,
      body: new Uint8Array(huge),
    });
    expect(put.status).toBe(403);
    // ...and an oversize object that got there anyway is still refused at apply.
    await s3Client().send(
      new PutObjectCommand({
        Bucket: serverEnv().AWS_S3_UPLOAD_BUCKET,
        Key: presigned.key,
        Body: huge,
        ContentType: 'application/pdf',
      }),
    );
    input.documents = [
      { ...(input.documents[0] as DocumentRef), key: `drafts/${input.draftId}/license/${randomUUID()}.pdf` },
      { ...(input.documents[1] as DocumentRef), key: presigned.key },
      otherDraft,
    ];
    const response = await submit(input);
    expect(response.status).toBe(400);
    const issues = (await response.json()).error.issues as Array<{ path: string; message: string }>;
    expect(issues.map((i) => i.path)).toEqual([
      'documents.license.0',
      'documents.cv',
      'documents.malpractice',
    ]);
    expect(issues[0]?.message).toMatch(/was not uploaded/);
    expect(issues[1]?.message).toMatch(/larger than 10 MB/);
    expect(issues[2]?.message).toMatch(/does not belong to this application/);
    await expectNothingWritten(input);
  });

  it('keeps the document that was checked when the draft upload is overwritten after submit', async () => {
    const input = await application();
    const draftId = input.draftId;
    const presigned = await (await presign(draftId, 'cv', 'application/pdf', samplePdf.length)).json();
    await fetch(presigned.url, {
      method: 'PUT',
      headers: presigned.headers,
      body: new Uint8Array(samplePdf),
    });
    input.documents[1] = { ...(input.documents[1] as DocumentRef), key: presigned.key };
    const body = await (await submit(input)).json();

    const swapped = Buffer.alloc(samplePdf.length, 0x41);
    expect(
      (
        await fetch(presigned.url, {
          method: 'PUT',
          headers: presigned.headers,
          body: new Uint8Array(swapped),
        })
      ).status,
    ).toBe(200);
    const record = await applications().get(body.applicationId);
    expect(await objectBytes(record?.documents[1]?.key ?? '')).toEqual(samplePdf);
    // A replay answers from the record and copies nothing new.
    expect((await submit(input)).headers.get('idempotent-replayed')).toBe('true');
    expect((await applications().get(body.applicationId))?.documents).toEqual(record?.documents);
  });

  it('creates one application for a double submit with the same idempotency key', async () => {
    const input = await application();
    const [first, second] = await Promise.all([submit(input), submit(input)]);
    expect([first.status, second.status]).toEqual([201, 201]);
    const [a, b] = [await first.json(), await second.json()];
    expect(a.referenceNumber).toBe(b.referenceNumber);
    // The losing submit's copies are deleted: only those the stored record names remain.
    const record = await applications().get(input.idempotencyKey);
    expect(await copiesOf(input.idempotencyKey)).toEqual(record?.documents.map((doc) => doc.key).sort());
    const third = await submit(input);
    expect(third.headers.get('idempotent-replayed')).toBe('true');
    expect((await third.json()).referenceNumber).toBe(a.referenceNumber);
    expect(await lettersTo(input.email)).toHaveLength(1);
  });

  it('answers a replay even when the network has used up its applications for the hour', async () => {
    const input = await application();
    const browser = await applicantBrowser(input.email);
    expect((await browser.post(applyPOST, input)).status).toBe(201);
    // Other applications from the same network spend the hour's limit.
    for (let i = 0; i < applyLimit.limit; i += 1) {
      await rateLimiter()
        .limit(applyLimit, browser.ip, new Date(), 'spent')
        .catch(() => undefined);
    }
    // The lost answer's retry is answered from the record, not refused.
    const replay = await browser.post(applyPOST, input);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    // A new application from that network is refused, and says when to try again.
    const another = await application({ email: input.email.replace('@', '+2@') });
    const proven = await applicantBrowser(another.email);
    const limited = await postJson(applyPOST, another, browser.ip, proven.cookieHeader);
    expect(limited.status).toBe(429);
    expect((await limited.json()).error.message).toMatch(
      /^Too many applications from this network\. You can try again in \d+ minutes\.$/,
    );
  });

  it('refuses a second open application for the same email with 409', async () => {
    const input = await application();
    expect((await submit(input)).status).toBe(201);
    const again = await application({ email: input.email });
    const response = await submit(again);
    expect(response.status).toBe(409);
    expect((await response.json()).error).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/already being reviewed/),
    });
    expect(await applications().get(again.idempotencyKey)).toBeUndefined();
    expect(await copiesOf(again.idempotencyKey)).toEqual([]);
  });

  it('stores each copy as a download of the type its bytes show, with nothing the client chose, tagged committed', async () => {
    const input = await application();
    // A client that wrote its own type, disposition and metadata on the draft object.
    const cv = input.documents[1] as DocumentRef;
    await s3Client().send(
      new PutObjectCommand({
        Bucket: serverEnv().AWS_S3_UPLOAD_BUCKET,
        Key: cv.key,
        Body: samplePdf,
        ContentType: 'text/html',
        ContentDisposition: 'inline; filename="cv.html"',
        Metadata: { 'original-name': 'cv.html', owner: 'admin' },
      }),
    );
    const draft = await s3Client().send(
      new HeadObjectCommand({ Bucket: serverEnv().AWS_S3_UPLOAD_BUCKET, Key: cv.key }),
    );
    expect(draft.Metadata).toEqual({ 'original-name': 'cv.html', owner: 'admin' });

    expect((await submit(input)).status).toBe(201);
    const record = await applications().get(input.idempotencyKey);
    expect(record?.documents).toHaveLength(3);
    for (const doc of record?.documents ?? []) {
      const head = await s3Client().send(
        new HeadObjectCommand({ Bucket: serverEnv().AWS_S3_UPLOAD_BUCKET, Key: doc.key }),
      );
      expect(head.ContentType).toBe(doc.purpose === 'malpractice' ? 'image/png' : 'application/pdf');
      expect(head.ContentDisposition).toBe('attachment');
      expect(head.Metadata ?? {}).toEqual({});
      expect(await tagsOf(doc.key)).toEqual({ state: 'committed' });
    }
  });

  it('commits the copies again on a replay, so a retag that failed after the commit is healed', async () => {
    const input = await application();
    expect((await submit(input)).status).toBe(201);
    const [first] = (await applications().get(input.idempotencyKey))?.documents ?? [];
    // As if the retag after the commit had failed: the lifecycle rule would expire this copy.
    await s3Client().send(
      new PutObjectTaggingCommand({
        Bucket: serverEnv().AWS_S3_UPLOAD_BUCKET,
        Key: first?.key,
        Tagging: { TagSet: [{ Key: 'state', Value: 'pending' }] },
      }),
    );
    const replay = await submit(input);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await tagsOf(first?.key ?? '')).toEqual({ state: 'committed' });
  });

  it('deletes every copy when the transaction throws, and stores nothing', async () => {
    // A real DynamoDB failure: the audit event of the transaction names a table that does not exist.
    const failingAudit = new AuditTrail(
      new AuditRepository(dynamoDocumentClient(), 'telehealth-no-such-table'),
    );
    const service = createApplicationService({
      applications: applications(),
      uploads: uploadService(),
      audit: failingAudit,
      limiter: rateLimiter(),
      sendEmail: sendEmail(),
      brandName: publicConfig.brandName,
      supportEmail: publicConfig.supportEmail,
      appUrl: serverEnv().APP_URL,
      adminEmail: serverEnv().SEED_ADMIN_EMAIL,
    });
    const raw = await application();
    const input = makeClinicianApplicationSchema(publicConfig.servedStates).parse(raw);
    const ctx = {
      requestId: randomUUID(),
      actor: 'public' as const,
      params: {},
      ip: '198.51.100.7',
      now: new Date(),
    };
    await expect(service.submit(input, input.email, ctx)).rejects.toThrow();
    await expectNothingWritten(raw);
    // The drafts are untouched: the applicant can submit again.
    expect(await objectBytes(raw.documents[0]?.key ?? '')).toEqual(samplePdf);
  });
});
