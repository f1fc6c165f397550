/** Reads what the app sent through the local SES, the way a patient reads their inbox. */
export interface InboxEmail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

export async function inboxFor(sesEndpoint: string, to: string): Promise<InboxEmail[]> {
  const response = await fetch(`${sesEndpoint}/store`);
  if (!response.ok) throw new Error(`local SES store answered ${response.status}`);
  const { emails } = (await response.json()) as { emails: InboxEmail[] };
  return emails.filter((email) =>
    email.destination.to.some((address) => address.toLowerCase() === to.toLowerCase()),
  );
}

/** The 6-digit code in the newest email to `to`, waiting up to `timeoutMs` for it to arrive. */
export async function latestCodeFor(sesEndpoint: string, to: string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const emails = await inboxFor(sesEndpoint, to);
    const newest = emails.at(-1);
    const code = newest?.subject.includes('verification code')
      ? newest.body.text?.match(/\b(\d{6})\b/)?.[1]
      : undefined;
    if (code) return code;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no code email arrived for ${to}`);
}
