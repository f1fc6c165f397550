import 'server-only';
import { createCipheriv, createDecipheriv, randomBytes, randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { serverEnv } from '../env';

/**
 * TOTP (RFC 6238) with otpauth: SHA-1, 6 digits, 30 s, the settings every authenticator app reads.
 * Secrets are 20 random bytes, stored AES-256-GCM encrypted under TOTP_ENCRYPTION_KEY (they must be
 * recoverable to check a code, so they cannot be hashed). A code is accepted one step either side of
 * now, and only for a step newer than the last one used (replay refused by a conditional update).
 */
const PERIOD_SECONDS = 30;
const WINDOW_STEPS = 1;

function key(): Buffer {
  return Buffer.from(serverEnv().TOTP_ENCRYPTION_KEY, 'hex');
}

/** `v1.<iv>.<tag>.<ciphertext>` in base64url; the version leaves room to rotate the key. */
export function encryptSecret(base32: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  const data = Buffer.concat([cipher.update(base32, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), data]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

export function decryptSecret(encrypted: string): string {
  const [version, iv, tag, data] = encrypted.split('.');
  if (version !== 'v1' || !iv || !tag || !data) throw new Error('unknown TOTP secret format');
  const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

function totpFor(base32: string, label: string, issuer: string): TOTP {
  return new TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(base32),
  });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** What the enrolment page shows: the QR code (SVG), the manual key in groups of four, the URI. */
export async function enrolmentDetails(base32: string, email: string, issuer: string) {
  const uri = totpFor(base32, email, issuer).toString();
  return {
    otpauthUri: uri,
    qrSvg: await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
    manualKey: base32.match(/.{1,4}/g)?.join(' ') ?? base32,
  };
}

/** The time step a code matches (now ± one step), or undefined. The caller checks it is unused. */
export function matchingStep(base32: string, code: string, now: Date): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const totp = totpFor(base32, 'check', 'check');
  const delta = totp.validate({ token: code, timestamp: now.getTime(), window: WINDOW_STEPS });
  return delta === null ? undefined : totp.counter({ timestamp: now.getTime() }) + delta;
}

/** The current step, for a first use: any matching step is newer than this minus the window. */
export function currentStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / PERIOD_SECONDS);
}

// ---------------------------------------------------------------------------------------------
// Backup codes (NIST look-up secrets)

export const BACKUP_CODE_COUNT = 10;
/** No 0/O or 1/I/L: read off paper without doubt. 10 of 31 symbols ≈ 50 bits. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** Low-cost argon2id: 50 bits is above brute force online, and each hash has its own salt. */
const BACKUP_HASH_OPTIONS = { memoryCost: 4096, timeCost: 1, parallelism: 1 } as const;

export function newBackupCodes(): string[] {
  return Array.from({ length: BACKUP_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** `abcde fghij`, `ABCDE-FGHIJ` → `ABCDEFGHIJ`. */
export function normalizeBackupCode(code: string): string {
  return code.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

export function hashBackupCode(code: string): Promise<string> {
  return hash(normalizeBackupCode(code), BACKUP_HASH_OPTIONS);
}

/** The index of the stored hash this code matches, or -1. */
export async function findBackupCode(hashes: readonly string[], code: string): Promise<number> {
  const normalized = normalizeBackupCode(code);
  if (normalized.length !== 10) return -1;
  for (const [index, stored] of hashes.entries()) {
    if (await verify(stored, normalized).catch(() => false)) return index;
  }
  return -1;
}
