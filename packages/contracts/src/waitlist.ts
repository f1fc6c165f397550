import { z } from 'zod';
import { emailSchema, otpCodeSchema } from './patient';
import { isUsStateCode, type UsStateCode } from './states';
import { strictObject } from './text';

/**
 * The waitlist ("notify me"): a person we cannot serve yet, because they are under 18 or their state
 * is not served, leaves an email to hear once when that changes. The address is proven with a code
 * before anything is stored, and the entry can be removed from a link in the confirmation email.
 */
export const waitlistReasons = ['state-not-served', 'under-18'] as const;
export type WaitlistReason = (typeof waitlistReasons)[number];

/**
 * The consent the checkbox asks for, word for word, and its version: the entry stores the version and
 * the time it was given. Change the words, change the version.
 */
export const WAITLIST_CONSENT_VERSION = 'waitlist-2026-11-27';
export function waitlistConsentText(brandName: string): string {
  return `Email me once when ${brandName} can see me. Nothing else: no marketing, and I can remove my address at any time.`;
}

const messages = {
  reason: 'Choose why you cannot sign up yet.',
  state: 'Choose the state you are in.',
  stateServed: 'We already serve this state: you can sign up on the home page.',
  consent: 'Tick the box to agree to one email when we can see you.',
} as const;

/** The part of the request that says why and agrees; the same on both steps. */
function waitlistShape(servedStates: readonly UsStateCode[]) {
  const served = new Set<string>(servedStates);
  return {
    email: emailSchema,
    reason: z.enum(waitlistReasons, { error: messages.reason }),
    /** With `state-not-served` only: the unserved state they are in. Nothing else about them. */
    state: z
      .string({ error: messages.state })
      .refine(isUsStateCode, messages.state)
      .refine((s) => !served.has(s), messages.stateServed)
      .transform((s) => s as UsStateCode)
      .optional(),
    consent: z.literal(true, { error: messages.consent }),
  };
}

function stateOnlyWithItsReason(
  value: { reason: WaitlistReason; state?: UsStateCode },
  ctx: z.RefinementCtx,
) {
  if (value.reason === 'state-not-served' && !value.state) {
    ctx.addIssue({ code: 'custom', path: ['state'], message: messages.state });
  }
  if (value.reason === 'under-18' && value.state) {
    ctx.addIssue({ code: 'custom', path: ['state'], message: 'Leave the state out when you are under 18.' });
  }
}

/** `POST /api/waitlist/code`: email a code to prove the address; nothing is stored about the person. */
export function makeWaitlistCodeSchema(servedStates: readonly UsStateCode[]) {
  return strictObject(waitlistShape(servedStates)).superRefine(stateOnlyWithItsReason);
}
export type WaitlistCodeInput = z.input<ReturnType<typeof makeWaitlistCodeSchema>>;

/** `POST /api/waitlist/verify`: the code, with the same answers; a right code stores the entry. */
export function makeWaitlistVerifySchema(servedStates: readonly UsStateCode[]) {
  return strictObject({ ...waitlistShape(servedStates), code: otpCodeSchema }).superRefine(
    stateOnlyWithItsReason,
  );
}
export type WaitlistVerifyInput = z.input<ReturnType<typeof makeWaitlistVerifySchema>>;
export type WaitlistEntryInput = z.output<ReturnType<typeof makeWaitlistVerifySchema>>;

/** 256 random bits, base64url: the entry key and the one-time removal token in the email's link. */
const token = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'This removal link is not complete. Open it from the email again.');

/** `POST /api/waitlist/remove`: the entry and the token from the removal link. */
export const waitlistRemoveSchema = strictObject({ entry: token, token });
export type WaitlistRemoveInput = z.input<typeof waitlistRemoveSchema>;

export {
  type WaitlistCodeSent,
  type WaitlistJoined,
  type WaitlistRemoved,
  waitlistCodeSentSchema,
  waitlistJoinedSchema,
  waitlistRemovedSchema,
} from './response-schemas';
