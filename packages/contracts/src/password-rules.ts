/**
 * Staff password rules (NIST SP 800-63B rev 4, §3.1.1.2), without zod so a page can show and check
 * them as the person types. The server applies the same rules plus a blocklist (apps/web
 * src/server/staff/passwords.ts); there are no composition rules (no "one digit, one symbol").
 */

/** NIST: at least 15 when the password can be the only factor (clinicians without TOTP). */
export const PASSWORD_MIN_LENGTH = 15;
/** NIST asks to permit at least 64; 128 bounds the hashing work a request can ask for. */
export const PASSWORD_MAX_LENGTH = 128;

/** The password as it is hashed: NFKC, so the same password typed on two keyboards is one password. */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/** Length in code points (an emoji or a CJK character counts once), after normalisation. */
export function passwordLength(password: string): number {
  return [...normalizePassword(password)].length;
}

/** The rules in the words the set-password page shows before anyone types. */
export const PASSWORD_RULES_TEXT = [
  `Use ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters. Spaces, any language and emoji are fine.`,
  'A phrase of several unrelated words is easy to remember and hard to guess.',
  'Common or breached passwords, and passwords made of your name, email or our name, are refused.',
] as const;

/** Why the length is wrong, or undefined when it is within the rules. */
export function passwordLengthProblem(password: string): string | undefined {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH)
    return `Use at least ${PASSWORD_MIN_LENGTH} characters (this has ${length}).`;
  if (length > PASSWORD_MAX_LENGTH)
    return `Use at most ${PASSWORD_MAX_LENGTH} characters (this has ${length}).`;
  return undefined;
}
