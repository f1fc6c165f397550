import { describe, expect, it } from 'vitest';
import { errorStatus } from './errors';
import { apiErrorBodySchema, errorCodes } from './responses';

describe('apiErrorBodySchema', () => {
  it('knows every error code', () => {
    expect(errorCodes).toEqual(Object.keys(errorStatus));
  });

  it('accepts the error shape with and without issues', () => {
    const body = {
      error: { code: 'validation_failed', message: 'Fix it.', issues: [{ path: 'email', message: 'x' }] },
    };
    expect(apiErrorBodySchema.parse(body)).toEqual(body);
    expect(apiErrorBodySchema.safeParse({ error: { code: 'not_found', message: 'No.' } }).success).toBe(true);
  });

  it('refuses an unknown code and a body without the error envelope', () => {
    expect(apiErrorBodySchema.safeParse({ error: { code: 'teapot', message: 'x' } }).success).toBe(false);
    expect(apiErrorBodySchema.safeParse({ code: 'not_found', message: 'x' }).success).toBe(false);
  });
});
