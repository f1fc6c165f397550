import type { VerifiedEmail } from '@telehealth/contracts';
import {
  type ApplicationDraft,
  type DocumentSlot,
  deaSlot,
  initialDraft,
  licenseSlot,
  type StoredDocument,
} from './draft';
import { isProven, proofMessages } from './email-proof';
import {
  EMAIL_STEP,
  firstStepWithIssue,
  IDENTITY_STEP,
  isUnder,
  omitStep,
  pickStep,
  REVIEW_STEP,
} from './step-definitions';

/**
 * The clinician form's state, in one reducer: the draft, the errors on show, where the form is and
 * what it knows about the email proof. Side effects (storage, requests, focus) stay in the component;
 * the state says what to focus next (`focus`), and the component does it after rendering.
 */

export type Errors = Record<string, string>;

export type FocusTarget = { kind: 'heading' } | { kind: 'firstInvalid' } | { kind: 'id'; id: string };

export type SubmitState = { kind: 'idle' } | { kind: 'submitting' } | { kind: 'failed'; message: string };

/** What this browser has proven, as far as the page knows: asked once the page is in the browser. */
export type ProofState = { kind: 'checking' } | { kind: 'known'; proof: VerifiedEmail | null };

/** Every problem the browser can see in a draft, by the path the form shows it at. */
export type Check = (draft: ApplicationDraft) => Errors;

export interface FormState {
  /** The stored draft has been read (the page is in the browser). */
  hydrated: boolean;
  draft: ApplicationDraft;
  /** YYYY-MM-DD (UTC), known only in the browser. */
  today: string;
  errors: Errors;
  /** Paths whose error came from the server: kept until the clinician changes that field. */
  serverPaths: readonly string[];
  /** The step whose error summary is on show, if any. */
  summaryStep: number | null;
  submit: SubmitState;
  /** The clinician went to a step with "Edit" on the review: offer "Save and return to review". */
  cameFromReview: boolean;
  /** What to focus after the next render; a new object each time it is asked for. */
  focus: { target: FocusTarget } | null;
  proof: ProofState;
  /** Why the email step is shown again (kept until a code is sent or the email is confirmed). */
  emailNotice: string | undefined;
  /** The last proof check could not reach the server: the email step offers to check again. */
  proofUnreachable: boolean;
  /** The application was accepted: the draft is no longer saved. */
  finished: boolean;
}

export const initialFormState: FormState = {
  hydrated: false,
  draft: initialDraft,
  today: '',
  errors: {},
  serverPaths: [],
  summaryStep: null,
  submit: { kind: 'idle' },
  cameFromReview: false,
  focus: null,
  proof: { kind: 'checking' },
  emailNotice: undefined,
  proofUnreachable: false,
  finished: false,
};

export type FormAction =
  /** `requested`: the step the page's URL names (a reload, or a link), if any. */
  | { type: 'restored'; draft: ApplicationDraft; today: string; requested?: number }
  /** `unreachable`: the server could not say (busy, offline); `notice` says so. */
  | { type: 'proofChecked'; proof: VerifiedEmail | null; notice?: string; unreachable?: boolean }
  | { type: 'change'; path: string; update: (draft: ApplicationDraft) => ApplicationDraft; check: Check }
  | { type: 'uploaded'; slot: DocumentSlot; document: StoredDocument }
  | { type: 'clearError'; path: string }
  | { type: 'focus'; target: FocusTarget }
  | { type: 'next'; target?: number; check: Check }
  | { type: 'back' }
  /** The browser's back or forward, or a link in the progress indicator. */
  | { type: 'visit'; step: number }
  | { type: 'edit'; step: number }
  | { type: 'invalid'; errors: Errors }
  | { type: 'submitting' }
  | { type: 'submitted' }
  | { type: 'rejected'; errors: Errors; message: string; focusId: string }
  | { type: 'proofRefused'; status: 401 | 403; focusId: string }
  | { type: 'submitFailed'; message: string; focusId: string }
  | { type: 'codeSent'; email: string }
  | { type: 'useDifferentEmail' }
  | { type: 'emailConfirmed'; proof: VerifiedEmail }
  | { type: 'continueWithProof' }
  | { type: 'changeEmail' }
  | { type: 'startedOver'; draft: ApplicationDraft };

/** The proof this browser holds, or null when there is none or it is not known yet. */
export function proofOf(state: Pick<FormState, 'proof'>): VerifiedEmail | null {
  return state.proof.kind === 'known' ? state.proof.proof : null;
}

/** The step on show: nothing past the email step without a proof of the draft's email. */
export function currentStep(state: Pick<FormState, 'draft' | 'proof'>): number {
  return isProven(state.draft.email, proofOf(state)) ? state.draft.step : EMAIL_STEP;
}

/** Whether the form can be used: the draft is restored and the proof is known. */
export function isReady(state: Pick<FormState, 'hydrated' | 'proof'>): boolean {
  return state.hydrated && state.proof.kind === 'known';
}

/** The issue path of a slot in this draft, or undefined for a license or DEA registration that is gone. */
export function slotPath(draft: ApplicationDraft, slot: DocumentSlot): string | undefined {
  const [purpose, index] = slot.startsWith('license:')
    ? ['license', draft.licenses.findIndex((license) => licenseSlot(license) === slot)]
    : slot.startsWith('dea:')
      ? ['dea', draft.deaRegistrations.findIndex((registration) => deaSlot(registration) === slot)]
      : [slot, undefined];
  if (index === undefined) return `documents.${purpose}`;
  return index === -1 ? undefined : `documents.${purpose}.${index}`;
}

/** Errors still standing from the server (the browser cannot re-check those). */
export function serverErrors(state: Pick<FormState, 'errors' | 'serverPaths'>): Errors {
  return Object.fromEntries(
    Object.entries(state.errors).filter(([path]) => state.serverPaths.includes(path)),
  );
}

function withoutError(state: FormState, path: string): FormState {
  if (!state.errors[path]) return state;
  const { [path]: _gone, ...errors } = state.errors;
  return { ...state, errors, serverPaths: state.serverPaths.filter((p) => p !== path) };
}

/**
 * The step a request to show `requested` (a URL, the browser's history, a progress link) leads to:
 * any step reached before, else the furthest reached; the email step while the email is not proven.
 */
export function reachableStep(state: Pick<FormState, 'draft' | 'proof'>, requested: number): number {
  if (!isProven(state.draft.email, proofOf(state))) return EMAIL_STEP;
  return Math.max(0, Math.min(requested, state.draft.furthestStep));
}

/** The draft at `step`, with the furthest step reached kept up to date. */
function atStep(draft: ApplicationDraft, step: number): ApplicationDraft {
  return { ...draft, step, furthestStep: Math.max(draft.furthestStep, step) };
}

function goTo(state: FormState, target: number, focus: FocusTarget = { kind: 'heading' }): FormState {
  return {
    ...state,
    draft: atStep(state.draft, target),
    cameFromReview: target === REVIEW_STEP ? false : state.cameFromReview,
    focus: { target: focus },
  };
}

export function formReducer(state: FormState, action: FormAction): FormState {
  switch (action.type) {
    case 'restored': {
      const { draft, requested } = action;
      // A URL may name any step reached before; one not reached yet falls back to the furthest reached.
      // The email step is shown whenever the email is not proven, whatever the draft's step, so a URL
      // naming it leaves the draft where it was: once proven, the form goes back there.
      const step =
        requested === undefined || requested === EMAIL_STEP
          ? draft.step
          : Math.min(requested, draft.furthestStep);
      return { ...state, hydrated: true, draft: { ...draft, step }, today: action.today };
    }

    case 'proofChecked':
      return {
        ...state,
        proof: { kind: 'known', proof: action.proof },
        // A check that got through replaces the notice of one that did not.
        emailNotice: action.notice ?? (state.proofUnreachable ? undefined : state.emailNotice),
        proofUnreachable: Boolean(action.unreachable),
        // "Check again" was pressed (the page is not loading): the step it leads to takes the focus.
        focus: state.proofUnreachable ? { target: { kind: 'heading' } } : state.focus,
      };

    case 'change': {
      const draft = action.update(state.draft);
      if (Object.keys(state.errors).length === 0) return { ...state, draft };
      // Re-check the errors on show as the clinician fixes them; new ones wait for Continue.
      const fresh = action.check(draft);
      const errors: Errors = {};
      const serverPaths: string[] = [];
      for (const [p, message] of Object.entries(state.errors)) {
        if (state.serverPaths.includes(p)) {
          // A server message stays until the clinician changes that field.
          if (!isUnder(p, action.path) && !isUnder(action.path, p)) {
            errors[p] = message;
            serverPaths.push(p);
          }
          continue;
        }
        const now = fresh[p];
        if (now) errors[p] = now;
      }
      return { ...state, draft, errors, serverPaths };
    }

    case 'uploaded': {
      const draft = {
        ...state.draft,
        documents: { ...state.draft.documents, [action.slot]: action.document },
      };
      const path = slotPath(state.draft, action.slot);
      const next = { ...state, draft };
      return path ? withoutError(next, path) : next;
    }

    case 'clearError':
      return withoutError(state, action.path);

    case 'focus':
      return { ...state, focus: { target: action.target } };

    case 'next': {
      // Validates this step; moves on to the target (the next step unless given) when it is complete.
      if (!isReady(state)) return state;
      const step = currentStep(state);
      const stepErrors = {
        ...pickStep(action.check(state.draft), step),
        ...pickStep(serverErrors(state), step),
      };
      if (Object.keys(stepErrors).length > 0) {
        return {
          ...state,
          errors: { ...omitStep(state.errors, step), ...stepErrors },
          summaryStep: step,
          focus: { target: { kind: 'firstInvalid' } },
        };
      }
      const errors = omitStep(state.errors, step);
      return goTo(
        {
          ...state,
          errors,
          serverPaths: state.serverPaths.filter((p) => p in errors),
          summaryStep: null,
        },
        Math.min(action.target ?? step + 1, REVIEW_STEP),
      );
    }

    case 'back':
      return goTo({ ...state, summaryStep: null }, Math.max(0, currentStep(state) - 1));

    case 'visit': {
      if (!isReady(state)) return state;
      const target = reachableStep(state, action.step);
      if (target === currentStep(state)) return state;
      return goTo({ ...state, summaryStep: null }, target);
    }

    case 'edit':
      return goTo({ ...state, cameFromReview: true, summaryStep: null }, action.step);

    case 'invalid': {
      // The submit found problems in the browser: show them from the first step that has one.
      const first = firstStepWithIssue(action.errors);
      if (first === undefined) return state;
      const next: FormState = {
        ...state,
        errors: action.errors,
        summaryStep: first,
        submit: { kind: 'idle' },
      };
      return first === currentStep(state)
        ? { ...next, focus: { target: { kind: 'firstInvalid' } } }
        : goTo(next, first, { kind: 'firstInvalid' });
    }

    case 'submitting':
      return { ...state, submit: { kind: 'submitting' } };

    case 'submitted':
      return { ...state, finished: true };

    case 'rejected': {
      // The server's validation: its messages stay until the clinician changes those fields.
      const target = firstStepWithIssue(action.errors) ?? REVIEW_STEP;
      const next: FormState = {
        ...state,
        errors: action.errors,
        serverPaths: Object.keys(action.errors),
        summaryStep: target,
      };
      return target === REVIEW_STEP
        ? {
            ...next,
            submit: { kind: 'failed', message: action.message },
            focus: { target: { kind: 'id', id: action.focusId } },
          }
        : goTo({ ...next, submit: { kind: 'idle' } }, target, { kind: 'firstInvalid' });
    }

    case 'proofRefused':
      // No proof in this browser (it ended, or cookies were cleared), or a proof for another email:
      // back to the email step; every answer stays in the draft, and the draft stays on this step.
      return {
        ...state,
        submit: { kind: 'idle' },
        summaryStep: null,
        emailNotice: action.status === 401 ? proofMessages.missing : proofMessages.different,
        proof: { kind: 'known', proof: null },
        focus: { target: { kind: 'id', id: action.focusId } },
      };

    case 'submitFailed':
      return {
        ...state,
        submit: { kind: 'failed', message: action.message },
        focus: { target: { kind: 'id', id: action.focusId } },
      };

    case 'codeSent':
      // The draft remembers the address, so a reload stays on the code entry.
      return { ...state, emailNotice: undefined, draft: { ...state.draft, codeSentTo: action.email } };

    case 'useDifferentEmail':
      return { ...state, draft: { ...state.draft, codeSentTo: '' } };

    case 'emailConfirmed': {
      // The email is proven: it becomes the application's email, and the form goes on where it was.
      const next = withoutError(state, 'email');
      return {
        ...next,
        proof: { kind: 'known', proof: action.proof },
        emailNotice: undefined,
        summaryStep: null,
        draft: atStep(
          { ...next.draft, email: action.proof.email, codeSentTo: '' },
          next.draft.step === EMAIL_STEP ? IDENTITY_STEP : next.draft.step,
        ),
        focus: { target: { kind: 'heading' } },
      };
    }

    case 'continueWithProof': {
      // From "Change email": keep the email already proven for this draft.
      const proof = proofOf(state);
      return proof && isProven(state.draft.email, proof)
        ? formReducer(state, { type: 'emailConfirmed', proof })
        : state;
    }

    case 'changeEmail':
      // From the identity step: prove another email (or keep this one, which stays proven).
      return goTo({ ...state, summaryStep: null }, EMAIL_STEP);

    case 'startedOver':
      return {
        ...state,
        draft: action.draft,
        errors: {},
        serverPaths: [],
        summaryStep: null,
        submit: { kind: 'idle' },
        cameFromReview: false,
        emailNotice: undefined,
        proof: { kind: 'known', proof: null },
        focus: { target: { kind: 'heading' } },
      };
  }
}
