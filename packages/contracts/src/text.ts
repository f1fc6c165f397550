import { z } from 'zod';
import {
  CONTROL_CHARACTER_MESSAGE,
  MULTI_LINE_CONTROL_CHARACTER_MESSAGE,
  MULTI_LINE_FORBIDDEN,
  SINGLE_LINE_FORBIDDEN,
  TEXT_DIRECTION_CHARACTERS,
  TEXT_DIRECTION_MESSAGE,
} from './signup-checks';

export {
  CONTROL_CHARACTER_MESSAGE,
  MULTI_LINE_CONTROL_CHARACTER_MESSAGE,
  TEXT_DIRECTION_CHARACTERS,
  TEXT_DIRECTION_MESSAGE,
};

/**
 * Free text that reaches an email or a page (names, addresses, employers, explanations, file names):
 * normalised to NFC (so `é` typed two ways is one name), trimmed, and refused when it holds control
 * or text-direction characters. Chain `.min()`/`.max()` after it; they count the normalised text.
 * Multi-line text keeps line feeds and tabs; `\r\n` and `\r` become `\n`.
 */
export function plainText(options: { error?: string; multiline?: boolean } = {}) {
  const base = z.string(options.error ? { error: options.error } : undefined);
  const lines = options.multiline ? base.overwrite((value) => value.replace(/\r\n?/g, '\n')) : base;
  return lines
    .normalize('NFC')
    .trim()
    .refine(
      (value) => !(options.multiline ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN).test(value),
      options.multiline ? MULTI_LINE_CONTROL_CHARACTER_MESSAGE : CONTROL_CHARACTER_MESSAGE,
    )
    .refine((value) => !TEXT_DIRECTION_CHARACTERS.test(value), TEXT_DIRECTION_MESSAGE);
}

const MAX_KEY_IN_MESSAGE = 64;

/** "Unknown field: foo"; a long key is cut, since it is echoed back to whoever sent it. */
export function unknownFieldMessage(key: string): string {
  const shown = key.length > MAX_KEY_IN_MESSAGE ? `${key.slice(0, MAX_KEY_IN_MESSAGE)}…` : key;
  return `Unknown field: ${shown}`;
}

/**
 * A request body object that refuses keys it does not define (400 naming each key, through
 * `toFieldIssues`), so a typo or a field from another version is never silently dropped.
 * `error` is the message when the object itself is missing or not an object.
 */
export function strictObject<Shape extends z.core.$ZodLooseShape>(shape: Shape, error?: string) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? issue.keys.map(unknownFieldMessage).join(' ') : error,
  });
}
