import 'server-only';
import { s3Client } from '../aws';
import { serverEnv } from '../env';
import { rateLimiter } from '../rate-limit';
import { createUploadService, type UploadService } from './service';

let service: UploadService | undefined;

/** The upload service wired to the configured bucket. */
export function uploadService(): UploadService {
  service ??= createUploadService({
    s3: s3Client(),
    bucket: serverEnv().AWS_S3_UPLOAD_BUCKET,
    limiter: rateLimiter(),
  });
  return service;
}
