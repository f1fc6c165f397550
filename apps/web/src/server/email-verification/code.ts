import 'server-only';
import { createHmac, type KeyObject, randomInt, timingSafeEqual } from 'node:crypto';
import { OTP_LENGTH } from '@telehealth/contracts';

/** A uniformly random 6-digit code from the OS CSPRNG. */
export function generateCode(): string {
  return randomInt(0, 10 ** OTP_LENGTH)
    .toString()
    .padStart(OTP_LENGTH, '0');
}

/**
 * The only form in which a code is stored: HMAC-SHA256 keyed with a server secret and bound to its
 * verification (purpose, browser and email), so a leaked table cannot be brute-forced offline and a
 * hash is useless for another browser or address. Pass the secret as a KeyObject (`hmacKey` in ../hmac.ts) on hot
 * paths: the same HMAC, without turning the text into a key on every call.
 */
export function hashCode(secret: string | KeyObject, verificationKey: string, code: string): string {
  return createHmac('sha256', secret).update(`otp:v2:${verificationKey}:${code}`).digest('hex');
}

export function hashesMatch(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
