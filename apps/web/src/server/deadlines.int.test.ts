/**
 * Fault injection: each AWS stand-in is frozen with SIGSTOP (it still accepts connections, as a hung
 * service does, and never answers). The request must answer 503 with Retry-After within its budget,
 * and the first request after SIGCONT must succeed.
 *
 * The stack is this file's own, so freezing it cannot disturb other test files. The env module reads
 * process.env once, so the app is imported only after the env points at this stack.
 */
import { randomUUID } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { DocumentRef } from '@telehealth/contracts';
import { signupInput } from '@telehealth/contracts/fixtures';
import { type LocalStack, startLocalStack } from '@telehealth/local-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf } from '@/test/documents';
import { inboxFor } from '@/test/inbox';

const BUDGET_MS = 3_000;
/** route() waits up to 2 s past the budget for clean-up; the rest is scheduling on a busy machine. */
const SLACK_MS = 2_500;

type Handler = (request: Request) => Promise<Response>;

let stack: LocalStack;
let provisional: Handler;
let storeDocument: Handler;
let putDraft: (key: string) => Promise<void>;
const sharedEnv = { ...process.env };

beforeAll(async () => {
  stack = await startLocalStack({ appOrigin: 'http://localhost:3999' });
  Object.assign(process.env, stack.env, { REQUEST_BUDGET_MS: String(BUDGET_MS) });

  provisional = (await import('@/app/api/patient/provisional/route')).POST;
  const { route } = await import('./http');
  const { uploadService } = await import('./uploads');
  const { s3Client } = await import('./aws');
  const { serverEnv } = await import('./env');
  // The S3 work of a clinician application (copy, head, first bytes) behind route(), as apply runs it.
  storeDocument = route('test.uploads.freeze', 'public', async (request) => {
    const { draftId, key } = (await request.json()) as { draftId: string; key: string };
    const ref: DocumentRef = {
      key,
      purpose: 'cv',
      fileName: 'cv.pdf',
      contentType: 'application/pdf',
      size: samplePdf.length,
    };
    return Response.json(await uploadService().freezeDocument(draftId, randomUUID(), ref));
  });
  putDraft = async (key) => {
    await s3Client().send(
      new PutObjectCommand({
        Bucket: serverEnv().AWS_S3_UPLOAD_BUCKET,
        Key: key,
        Body: samplePdf,
        ContentType: 'application/pdf',
      }),
    );
  };
}, 120_000);

afterAll(async () => {
  // A worker may run another test file next: give it back the shared stack.
  process.env = sharedEnv;
  await stack?.stop();
});

function post(handler: Handler, body: unknown, ip = '203.0.113.10') {
  return handler(
    new Request('http://localhost/api', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify(body),
    }),
  );
}

/** Sends the request while `pid` is frozen; lets it go again whatever happens. */
async function whileFrozen(pid: number, send: () => Promise<Response>) {
  process.kill(pid, 'SIGSTOP');
  try {
    const started = performance.now();
    const response = await send();
    return { response, ms: performance.now() - started };
  } finally {
    process.kill(pid, 'SIGCONT');
  }
}

async function expectUnavailableInTime({ response, ms }: { response: Response; ms: number }) {
  expect(response.status).toBe(503);
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  const body = await response.json();
  expect(body.error.code).toBe('service_unavailable');
  expect(body.error.message).toMatch(/try again/i);
  expect(ms).toBeLessThan(BUDGET_MS + SLACK_MS);
}

describe('every AWS call has a deadline', () => {
  it('answers 503 in time while DynamoDB is frozen, and signs up once it is back', async () => {
    const frozen = await whileFrozen(stack.pids.dynamodb, () => post(provisional, signupInput()));
    await expectUnavailableInTime(frozen);

    const body = signupInput();
    expect((await post(provisional, body, '203.0.113.11')).status).toBe(202);
    expect(await inboxFor(stack.urls.inbox, body.email)).toHaveLength(1);
  });

  it('answers 503 in time while SES is frozen, and the same signup works on retry', async () => {
    const body = signupInput();
    const frozen = await whileFrozen(stack.pids.ses, () => post(provisional, body, '203.0.113.12'));
    await expectUnavailableInTime(frozen);

    // The patient presses the button again with the same details: no cooldown holds them back.
    const retried = await post(provisional, body, '203.0.113.12');
    expect(retried.status).toBe(202);
    expect(await retried.json()).toEqual({ status: 'code_sent', resendAfterSeconds: 60 });
  });

  it('answers 503 in time while S3 is frozen, and stores the document once it is back', async () => {
    const draftId = randomUUID();
    const key = `drafts/${draftId}/cv/${randomUUID()}.pdf`;
    await putDraft(key);

    const frozen = await whileFrozen(stack.pids.s3, () => post(storeDocument, { draftId, key }));
    await expectUnavailableInTime(frozen);

    const stored = await post(storeDocument, { draftId, key });
    expect(stored.status).toBe(200);
    expect(await stored.json()).toMatchObject({
      ok: true,
      contentType: 'application/pdf',
      size: samplePdf.length,
    });
  });
});
