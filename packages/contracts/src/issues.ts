import type { z } from 'zod';
import type { FieldIssue } from './errors';
import { unknownFieldMessage } from './text';

/**
 * Flattens zod issues into `{ path, message }` pairs, the `issues` of the API error shape. An unknown
 * key becomes one issue per key, at the key's own path (`consent.extra`), so the answer names it.
 */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: unknownFieldMessage(key) }));
    }
    return [{ path: path.join('.'), message: issue.message }];
  });
}

export { firstIssueByPath } from './field-issues';
