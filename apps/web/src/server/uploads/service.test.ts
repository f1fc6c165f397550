import { randomUUID } from 'node:crypto';
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DocumentRef } from '@telehealth/contracts';
import { describe, expect, it } from 'vitest';
import type { RateLimiter } from '../rate-limit';
import { createUploadService } from './service';

// The local S3 ignores `Tagging` and `CopySourceIfMatch` on a copy, so what the service asks of S3
// there is checked here against a recording stand-in; applications.int.test.ts checks the rest for real.

const bucket = 'uploads';
const draftId = randomUUID();
const pdfStart = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0');

type Reply = (command: object) => unknown;

function fakeS3(reply: Reply) {
  const sent: object[] = [];
  const s3 = {
    send: async (command: object) => {
      sent.push(command);
      return reply(command);
    },
  } as unknown as S3Client;
  return { s3, sent };
}

/** A GetObject answer for a ranged read of a 5000-byte object. */
const start = (bytes: Uint8Array, contentType: string) => ({
  Body: { transformToByteArray: async () => bytes.slice(0, 16) },
  ContentRange: `bytes 0-15/5000`,
  ETag: '"draft-etag"',
  ContentType: contentType,
});

const ref = (): DocumentRef => ({
  key: `drafts/${draftId}/cv/${randomUUID()}.pdf`,
  purpose: 'cv',
  fileName: 'cv.pdf',
  contentType: 'application/pdf',
  size: 5000,
});

const service = (s3: S3Client) => createUploadService({ s3, bucket, limiter: {} as RateLimiter });

describe('freezeDocument', () => {
  it('copies with the detected type, as a download, without client metadata, tagged pending, only the bytes read', async () => {
    const { s3, sent } = fakeS3((command) =>
      command instanceof GetObjectCommand
        ? start(pdfStart, command.input.Key?.startsWith('drafts/') ? 'text/html' : 'application/pdf')
        : {},
    );
    const document = ref();
    const check = await service(s3).freezeDocument(draftId, 'app-1', document);
    expect(check).toMatchObject({ ok: true, contentType: 'application/pdf', size: 5000 });

    const copy = sent.find((command) => command instanceof CopyObjectCommand) as CopyObjectCommand;
    expect(copy.input).toEqual({
      Bucket: bucket,
      Key: expect.stringMatching(/^applications\/app-1\/cv\/[0-9a-f-]{36}\.pdf$/),
      CopySource: `${bucket}/${document.key}`,
      CopySourceIfMatch: '"draft-etag"',
      MetadataDirective: 'REPLACE',
      ContentType: 'application/pdf',
      ContentDisposition: 'attachment',
      TaggingDirective: 'REPLACE',
      Tagging: 'state=pending',
    });
    // Read first (the draft), copied, then the copy read back.
    expect(sent.map((command) => command.constructor.name)).toEqual([
      'GetObjectCommand',
      'CopyObjectCommand',
      'GetObjectCommand',
    ]);
  });

  it('refuses a draft replaced between the read and the copy (412), leaving no copy', async () => {
    const { s3, sent } = fakeS3((command) => {
      if (command instanceof CopyObjectCommand) {
        throw Object.assign(new Error('PreconditionFailed'), { $metadata: { httpStatusCode: 412 } });
      }
      return start(pdfStart, 'application/pdf');
    });
    const check = await service(s3).freezeDocument(draftId, 'app-1', ref());
    expect(check).toEqual({
      ok: false,
      message: 'Your CV (cv.pdf) changed while we were checking it. Upload it again.',
    });
    expect(sent.some((command) => command instanceof DeleteObjectCommand)).toBe(false);
  });

  it('deletes a copy whose bytes are not the ones checked', async () => {
    const { s3, sent } = fakeS3((command) =>
      command instanceof GetObjectCommand
        ? start(command.input.Key?.startsWith('drafts/') ? pdfStart : new Uint8Array(16), 'application/pdf')
        : {},
    );
    const check = await service(s3).freezeDocument(draftId, 'app-1', ref());
    expect(check).toMatchObject({
      ok: false,
      message: expect.stringMatching(/changed while we were checking/),
    });
    const deleted = sent.find((command) => command instanceof DeleteObjectCommand) as DeleteObjectCommand;
    expect(deleted.input.Key).toMatch(/^applications\/app-1\/cv\//);
  });

  it('never copies a file whose bytes are not the claimed type', async () => {
    const { s3, sent } = fakeS3(() => start(new TextEncoder().encode('MZ\x90\x00'), 'application/pdf'));
    const check = await service(s3).freezeDocument(draftId, 'app-1', ref());
    expect(check).toMatchObject({ ok: false, message: expect.stringMatching(/not a PDF, JPEG or PNG/) });
    expect(sent.some((command) => command instanceof CopyObjectCommand)).toBe(false);
  });
});

describe('markCommitted', () => {
  it('retries a failed retag once and reports how many still failed', async () => {
    const attempts = new Map<string, number>();
    const { s3 } = fakeS3((command) => {
      const key = (command as { input: { Key: string } }).input.Key;
      attempts.set(key, (attempts.get(key) ?? 0) + 1);
      // The first key fails once, the second every time.
      if (key.endsWith('2.pdf') || attempts.get(key) === 1) throw new Error('SlowDown');
      return {};
    });
    expect(await service(s3).markCommitted(['applications/a/cv/1.pdf', 'applications/a/cv/2.pdf'])).toBe(1);
    expect(Object.fromEntries(attempts)).toEqual({
      'applications/a/cv/1.pdf': 2,
      'applications/a/cv/2.pdf': 2,
    });
  });
});
