import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { readAppContext } from '../lib/context';

const read = (context: Record<string, unknown>) => readAppContext(new App({ context }).node);
const valid = { appOrigin: 'https://app.example.org', mailDomain: 'example.org' };

describe('CDK context of bin/app.ts', () => {
  it('reads the required keys and leaves empty optional ones unset', () => {
    expect(read({ ...valid, tableNamePrefix: '', uploadBucketName: 'lumen-uploads' })).toEqual({
      ...valid,
      tableNamePrefix: undefined,
      uploadBucketName: 'lumen-uploads',
      amplifyAppArn: undefined,
    });
  });

  it('names each missing key with the -c flag that sets it', () => {
    expect(() => read({})).toThrow(
      /appOrigin: missing: pass -c appOrigin=.*\n {2}mailDomain: missing: pass -c mailDomain=/,
    );
    expect(() => read({ appOrigin: valid.appOrigin, mailDomain: '' })).toThrow(/mailDomain: missing/);
  });

  it('refuses an origin with a path, a bad domain and a bad bucket name', () => {
    expect(() => read({ ...valid, appOrigin: 'https://app.example.org/' })).toThrow(
      /appOrigin: must be an origin/,
    );
    expect(() => read({ ...valid, mailDomain: 'not a domain' })).toThrow(/mailDomain: must be a domain/);
    expect(() => read({ ...valid, uploadBucketName: 'Upper_Case' })).toThrow(/uploadBucketName:/);
  });
});
