import 'server-only';
import { hash, verify } from '@node-rs/argon2';
import { normalizePassword, passwordLength, passwordLengthProblem } from '@telehealth/contracts';
import { dictionary } from '@zxcvbn-ts/language-common';
import { serverEnv } from '../env';

/**
 * Staff passwords, NIST SP 800-63B rev 4 §3.1.1.2: length in code points after NFKC (15–128), no
 * composition rules, a blocklist of common and breached passwords plus context words, and a reason
 * whenever one is refused.
 *
 * The blocklist is zxcvbn-ts's common-passwords list (49k entries, from breach corpora; maintained
 * with zxcvbn-ts). It is server-only: about 0.5 MiB of strings that no page bundle imports.
 */
const blocklist: ReadonlySet<string> = new Set(
  dictionary['passwords-common'].map((entry) => entry.toLowerCase()),
);
/** Entries long enough to be a password's core ("password123" in "Password1234567"). */
const MIN_CORE_LENGTH = 5;
const cores = [...blocklist].filter((entry) => entry.length >= MIN_CORE_LENGTH);

/** What counts as the person's own: anything but digits, punctuation and spaces. */
const FILLER = /[\p{N}\p{P}\s]+/gu;

/** Own characters left once the longest common password inside is taken out. */
function lettersBesideCommonCore(compact: string): number {
  let longest = '';
  for (const core of cores) if (core.length > longest.length && compact.includes(core)) longest = core;
  return passwordLength(compact.replace(longest, '').replace(FILLER, ''));
}

/** Characters left once the context words are taken out: fewer than this, and the password is mostly them. */
const MIN_OWN_CHARACTERS = 8;
const MIN_DISTINCT_CHARACTERS = 5;

export interface PasswordContext {
  email: string;
  name: string;
  brandName: string;
}

/** Words a guesser would try first for this person: parts of the name, the email and the brand. */
function contextWords({ email, name, brandName }: PasswordContext): string[] {
  const [local = '', domain = ''] = email.toLowerCase().split('@');
  const words = [
    local,
    domain.split('.')[0] ?? '',
    ...`${local} ${name} ${brandName}`.toLowerCase().split(/[^\p{L}\p{N}]+/u),
    brandName.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ''),
    'password',
    'portal',
    'telehealth',
  ];
  // Longest first, so "lumenhealth" goes before "lumen".
  return [...new Set(words.filter((word) => [...word].length >= 3))].sort((a, b) => b.length - a.length);
}

/** Why this password is refused, in words for the person choosing it; undefined when it is fine. */
export function passwordProblem(password: string, context: PasswordContext): string | undefined {
  const lengthProblem = passwordLengthProblem(password);
  if (lengthProblem) return lengthProblem;
  const lower = normalizePassword(password).toLowerCase();
  const compact = lower.replace(/\s+/gu, '');
  if (blocklist.has(lower) || blocklist.has(compact)) {
    return 'This password is on a list of common or breached passwords. Choose another one.';
  }
  if (lettersBesideCommonCore(compact) < MIN_OWN_CHARACTERS) {
    return 'This password is a common or breached password with a few characters added. Choose another one.';
  }
  const unit = /^(.+?)\1+$/su.exec(compact)?.[1];
  if (unit && (blocklist.has(unit) || [...unit].length < MIN_DISTINCT_CHARACTERS)) {
    return 'This password repeats a short or common part. Choose something less predictable.';
  }
  if (new Set(compact).size < MIN_DISTINCT_CHARACTERS) {
    return `This password uses fewer than ${MIN_DISTINCT_CHARACTERS} different characters. Choose something less predictable.`;
  }
  let rest = compact;
  for (const word of contextWords(context)) rest = rest.split(word).join('');
  rest = rest.replace(FILLER, '');
  if (passwordLength(rest) < MIN_OWN_CHARACTERS) {
    return 'This password is mostly your name, your email, our name or digits. Add words of your own.';
  }
  return undefined;
}

/**
 * argon2id (the library's default algorithm) with 46 MiB, 2 passes, 1 lane: above OWASP's floor
 * (46 MiB × 1 pass) at ~150 ms on one core, a cost a sign-in can carry and a GPU cracker cannot. The
 * pepper (`PASSWORD_PEPPER`, argon2's secret input) lives in the app's env, not in the table, so a
 * leaked table alone cannot be attacked offline. Parameters are in each hash, so they can be raised
 * later; old hashes still verify.
 */
const ARGON2_OPTIONS = { memoryCost: 47_104, timeCost: 2, parallelism: 1 } as const;

function pepper(): Buffer {
  return Buffer.from(serverEnv().PASSWORD_PEPPER, 'utf8');
}

export function hashPassword(password: string): Promise<string> {
  return hash(normalizePassword(password), { ...ARGON2_OPTIONS, secret: pepper() });
}

/** A hash computed once, compared against when the email is unknown, so both answers take as long. */
let decoy: Promise<string> | undefined;

/** Constant work whether or not a hash exists: an unknown email costs the same as a wrong password. */
export async function verifyPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  decoy ??= hashPassword('decoy password that never matches anything');
  const against = storedHash ?? (await decoy);
  try {
    const ok = await verify(against, normalizePassword(password), { secret: pepper() });
    return ok && storedHash !== undefined;
  } catch {
    return false;
  }
}
