import 'server-only';
import { randomUUID } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import {
  type DocumentContentType,
  type DocumentPurpose,
  type DocumentRef,
  documentPurposeLabels,
  documentTypeFromMagicBytes,
  MAX_DOCUMENT_BYTES,
  type PresignUploadRequest,
  type PresignUploadResponse,
} from '@telehealth/contracts';
import type { RequestContext } from '../http';
import { log } from '../log';
import type { RateLimiter } from '../rate-limit';

export const PRESIGN_EXPIRY_SECONDS = 300;
export const presignLimit = { name: 'presign-ip', limit: 100, windowSeconds: 3600 } as const;

const extensionFor: Record<DocumentContentType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

export interface UploadServiceDeps {
  s3: S3Client;
  bucket: string;
  limiter: RateLimiter;
}

export type DocumentCheck =
  | { ok: true; contentType: DocumentContentType; size: number }
  | { ok: false; message: string };

/** "Your CV (cv.pdf)", "Your licence copy (ca.pdf)": how messages name a document. */
export function describeDocument(ref: Pick<DocumentRef, 'purpose' | 'fileName'>): string {
  return `Your ${documentPurposeLabels[ref.purpose as DocumentPurpose].toLowerCase()} (${ref.fileName})`;
}

export function createUploadService({ s3, bucket, limiter }: UploadServiceDeps) {
  /**
   * A presigned PUT for one document. The server picks the key under the draft's prefix; the file
   * name is only kept as a label. The content type is signed, so S3 refuses any other.
   */
  async function presign(input: PresignUploadRequest, ctx: RequestContext): Promise<PresignUploadResponse> {
    await limiter.limit(
      presignLimit,
      ctx.ip,
      ctx.now,
      'Too many uploads from this network. Please try again later.',
    );
    const uploadId = randomUUID();
    const contentType = input.contentType as DocumentContentType;
    const key = `drafts/${input.draftId}/${input.purpose}/${uploadId}.${extensionFor[contentType]}`;
    const url = await getSignedUrl(
      s3,
      new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: contentType }),
      {
        expiresIn: PRESIGN_EXPIRY_SECONDS,
        signableHeaders: new Set(['content-type']),
      },
    );
    log.info('upload.presigned', { requestId: ctx.requestId, purpose: input.purpose, size: input.size });
    return {
      uploadId,
      key,
      url,
      headers: { 'content-type': contentType },
      expiresAt: new Date(ctx.now.getTime() + PRESIGN_EXPIRY_SECONDS * 1000).toISOString(),
    };
  }

  /**
   * Checks an uploaded document after the fact, since no local S3 enforces presigned conditions:
   * the key is the draft's own, the object exists, its size is within the limit, and its first
   * bytes are the type it claims.
   */
  async function checkDocument(draftId: string, ref: DocumentRef): Promise<DocumentCheck> {
    const name = describeDocument(ref);
    const keyPattern = new RegExp(`^drafts/${draftId}/${ref.purpose}/${UUID}\\.(pdf|jpg|png)$`);
    if (!keyPattern.test(ref.key)) {
      return { ok: false, message: `${name} does not belong to this application. Upload it again.` };
    }
    let size: number;
    try {
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: ref.key }));
      size = head.ContentLength ?? 0;
    } catch (error) {
      // Without s3:ListBucket (the SSR role has none) S3 answers a missing key with 403, not 404.
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404 || status === 403) {
        if (status === 403) log.warn('upload.head_forbidden', { purpose: ref.purpose });
        return {
          ok: false,
          message: `${name} was not uploaded, or the upload did not finish. Upload it again.`,
        };
      }
      throw error;
    }
    if (size > MAX_DOCUMENT_BYTES)
      return { ok: false, message: `${name} is larger than 10 MB. Upload a smaller file.` };
    if (size === 0) return { ok: false, message: `${name} is empty. Upload it again.` };
    const head = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: ref.key, Range: 'bytes=0-15' }));
    const firstBytes = await head.Body?.transformToByteArray();
    const actual = firstBytes ? documentTypeFromMagicBytes(firstBytes) : undefined;
    if (!actual) {
      return {
        ok: false,
        message: `${name} is not a PDF, JPEG or PNG file. Upload it again in one of those formats.`,
      };
    }
    if (actual !== ref.contentType) {
      return { ok: false, message: `${name} is not the type of file its name says. Upload it again.` };
    }
    return { ok: true, contentType: actual, size };
  }

  return { presign, checkDocument };
}

export type UploadService = ReturnType<typeof createUploadService>;
