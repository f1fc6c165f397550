/** `42` → `0:42`, `125` → `2:05`. */
export function formatCountdown(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** A wait in words: `1 second`, `42 seconds`, `3 minutes` (rounded up past two minutes). */
export function formatWait(seconds: number): string {
  const whole = Math.max(1, Math.ceil(seconds));
  if (whole < 120) return whole === 1 ? '1 second' : `${whole} seconds`;
  return `${Math.ceil(whole / 60)} minutes`;
}

/** Keeps only digits, at most `max` of them: `"123 456"` → `"123456"`. */
export function onlyDigits(value: string, max: number): string {
  return value.replace(/\D/g, '').slice(0, max);
}

/**
 * A 429's message, saying when to try again. The server's own message often already says when
 * ("You can ask for another in 2 minutes."); then nothing is added, so the wait is not said twice.
 */
export function rateLimitedMessage(message: string | undefined, seconds: number): string {
  const said = message ?? 'Too many attempts.';
  return /\d/.test(said) ? said : `${said} You can try again in ${formatWait(seconds)}.`;
}
