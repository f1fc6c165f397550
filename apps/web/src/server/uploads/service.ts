import 'server-only';
import { randomUUID } from 'node:crypto';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
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
  | { ok: true; key: string; contentType: DocumentContentType; size: number }
  | { ok: false; message: string };

/** "Your CV (cv.pdf)", "Your state licence (ca.pdf)": how messages name a document. */
export function describeDocument(ref: Pick<DocumentRef, 'purpose' | 'fileName'>): string {
  const label = documentPurposeLabels[ref.purpose as DocumentPurpose];
  // Lower-case the first word mid-sentence, but keep acronyms such as CV and DEA as they are.
  const inSentence = /^[A-Z][a-z]/.test(label) ? label[0]?.toLowerCase() + label.slice(1) : label;
  return `Your ${inSentence} (${ref.fileName})`;
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
      new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: contentType, ContentLength: input.size }),
      {
        expiresIn: PRESIGN_EXPIRY_SECONDS,
        // Both signed: S3 refuses a body of another type or size than the one presigned.
        signableHeaders: new Set(['content-type', 'content-length']),
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

  /** A missing key answers 404, or 403 without s3:ListBucket (the SSR role has none). */
  function isMissing(error: unknown): boolean {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 403) log.warn('upload.source_forbidden', {});
    return status === 404 || status === 403;
  }

  async function discard(keys: readonly string[]): Promise<void> {
    await Promise.allSettled(keys.map((Key) => s3.send(new DeleteObjectCommand({ Bucket: bucket, Key }))));
  }

  /**
   * Copies an uploaded document out of the browser-writable draft prefix to
   * `applications/<applicationId>/…`, then checks the copy: what was checked is what is kept, even if
   * the draft object is overwritten later. Checked after the fact because no local S3 enforces
   * presigned conditions: the key is the draft's own, the object exists, its size is within the
   * limit, and its first bytes are the type it claims. A refused copy is deleted again.
   */
  async function freezeDocument(
    draftId: string,
    applicationId: string,
    ref: DocumentRef,
  ): Promise<DocumentCheck> {
    const name = describeDocument(ref);
    const extension = extensionFor[ref.contentType as DocumentContentType];
    const keyPattern = new RegExp(`^drafts/${draftId}/${ref.purpose}/${UUID}\\.${extension}$`);
    if (!keyPattern.test(ref.key)) {
      return { ok: false, message: `${name} does not belong to this application. Upload it again.` };
    }
    const key = `applications/${applicationId}/${ref.purpose}/${randomUUID()}.${extension}`;
    try {
      await s3.send(new CopyObjectCommand({ Bucket: bucket, Key: key, CopySource: `${bucket}/${ref.key}` }));
    } catch (error) {
      if (!isMissing(error)) throw error;
      return {
        ok: false,
        message: `${name} was not uploaded, or the upload did not finish. Upload it again.`,
      };
    }
    const refuse = async (message: string): Promise<DocumentCheck> => {
      await discard([key]);
      return { ok: false, message };
    };
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    const size = head.ContentLength ?? 0;
    if (size > MAX_DOCUMENT_BYTES) return refuse(`${name} is larger than 10 MB. Upload a smaller file.`);
    if (size === 0) return refuse(`${name} is empty. Upload it again.`);
    const start = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: 'bytes=0-15' }));
    const firstBytes = await start.Body?.transformToByteArray();
    const actual = firstBytes ? documentTypeFromMagicBytes(firstBytes) : undefined;
    if (!actual)
      return refuse(`${name} is not a PDF, JPEG or PNG file. Upload it again in one of those formats.`);
    if (actual !== ref.contentType)
      return refuse(`${name} is not the type of file its name says. Upload it again.`);
    return { ok: true, key, contentType: actual, size };
  }

  return { presign, freezeDocument, discard };
}

export type UploadService = ReturnType<typeof createUploadService>;
