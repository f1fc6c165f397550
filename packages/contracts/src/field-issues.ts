import type { FieldIssue } from './errors';

/** First message per field path, for showing inline errors beside inputs. */
export function firstIssueByPath(issues: readonly FieldIssue[]): Record<string, string> {
  const byPath: Record<string, string> = {};
  for (const issue of issues) byPath[issue.path] ??= issue.message;
  return byPath;
}
