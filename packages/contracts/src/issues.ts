import type { z } from 'zod';
import type { FieldIssue } from './errors';

/** Flattens zod issues into `{ path, message }` pairs, the `issues` of the API error shape. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** First message per field path, for showing inline errors beside inputs. */
export function firstIssueByPath(issues: readonly FieldIssue[]): Record<string, string> {
  const byPath: Record<string, string> = {};
  for (const issue of issues) byPath[issue.path] ??= issue.message;
  return byPath;
}
