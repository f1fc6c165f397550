/** A problem the developer can fix; the CLI prints only its message, no stack trace. */
export class LocalStackError extends Error {
  override name = 'LocalStackError';
}
