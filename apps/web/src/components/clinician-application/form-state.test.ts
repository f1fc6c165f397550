import { uniqueEmail } from '@telehealth/contracts/fixtures';
import { describe, expect, it } from 'vitest';
import { newDraft } from './draft';
import { proofMessages } from './email-proof';
import {
  type Check,
  currentStep,
  type FormAction,
  type FormState,
  formReducer,
  initialFormState,
} from './form-state';
import { stepIndex } from './step-definitions';

const email = uniqueEmail('maria');
const proof = {
  status: 'verified' as const,
  email,
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
};

/** A restored draft at `step`, its email proven in this browser. */
function provenAt(step: number): FormState {
  return run(
    initialFormState,
    { type: 'restored', draft: { ...newDraft(), email, step, furthestStep: step }, today: '' },
    { type: 'proofChecked', proof },
  );
}

function run(state: FormState, ...actions: FormAction[]): FormState {
  return actions.reduce(formReducer, state);
}

const identity = stepIndex('identity');
const profession = stepIndex('profession');

describe('the form reducer', () => {
  it('goes on where the draft was once a proof check that could not reach the server gets through', () => {
    const restored = run(initialFormState, {
      type: 'restored',
      draft: { ...newDraft(), email, step: profession, furthestStep: profession },
      today: '',
    });
    const offline = run(restored, {
      type: 'proofChecked',
      proof: null,
      notice: 'We could not reach our service.',
      unreachable: true,
    });
    expect(offline.proofUnreachable).toBe(true);
    expect(offline.emailNotice).toBe('We could not reach our service.');
    expect(currentStep(offline)).toBe(stepIndex('email'));

    const again = run(offline, { type: 'proofChecked', proof });
    expect(again.proofUnreachable).toBe(false);
    expect(again.emailNotice).toBeUndefined();
    expect(currentStep(again)).toBe(profession);
    expect(again.focus?.target).toEqual({ kind: 'heading' });
  });

  it('stays on a step with problems, summarising them and focusing the first, then moves on once fixed', () => {
    const check: Check = (draft): Record<string, string> =>
      draft.legalFirstName ? {} : { legalFirstName: 'Enter your legal first name.' };
    const stuck = run(provenAt(identity), { type: 'next', check });
    expect(currentStep(stuck)).toBe(identity);
    expect(stuck.errors).toEqual({ legalFirstName: 'Enter your legal first name.' });
    expect(stuck.summaryStep).toBe(identity);
    expect(stuck.focus?.target).toEqual({ kind: 'firstInvalid' });

    const fixed = run(stuck, {
      type: 'change',
      path: 'legalFirstName',
      update: (draft) => ({ ...draft, legalFirstName: 'Maria' }),
      check,
    });
    expect(fixed.errors).toEqual({});
    const moved = run(fixed, { type: 'next', check });
    expect(currentStep(moved)).toBe(profession);
    expect(moved.summaryStep).toBeNull();
    expect(moved.focus?.target).toEqual({ kind: 'heading' });
  });

  it("keeps the server's message until the clinician changes that field", () => {
    const check = () => ({});
    const rejected = run(provenAt(stepIndex('review')), {
      type: 'rejected',
      errors: { npi: 'This NPI is already on an application.', specialties: 'Too many.' },
      message: 'Check the highlighted fields.',
      focusId: 'summary',
    });
    expect(currentStep(rejected)).toBe(profession);
    const otherField = run(rejected, {
      type: 'change',
      path: 'specialties',
      update: (draft) => ({ ...draft, specialties: 'Psychiatry' }),
      check,
    });
    expect(otherField.errors.npi).toBe('This NPI is already on an application.');
    const changed = run(rejected, {
      type: 'change',
      path: 'npi',
      update: (draft) => ({ ...draft, npi: '1234567893' }),
      check,
    });
    expect(changed.errors).toEqual({ specialties: 'Too many.' });
    expect(changed.serverPaths).toEqual(['specialties']);
  });

  it('goes back to the email step on a refused proof with the answers kept, and returns once proven', () => {
    const review = stepIndex('review');
    const state = run(
      provenAt(review),
      {
        type: 'change',
        path: 'npi',
        update: (draft) => ({ ...draft, npi: '1234567893' }),
        check: () => ({}),
      },
      { type: 'proofRefused', status: 401, focusId: 'notice' },
    );
    expect(currentStep(state)).toBe(stepIndex('email'));
    expect(state.emailNotice).toBe(proofMessages.missing);
    expect(state.draft.npi).toBe('1234567893');
    const back = run(state, { type: 'emailConfirmed', proof });
    expect(currentStep(back)).toBe(review);
    expect(back.emailNotice).toBeUndefined();
  });

  it('goes to any step reached before by URL or history, and no further than the furthest reached', () => {
    const licenses = stepIndex('licenses');
    const review = stepIndex('review');
    const atLicenses = provenAt(licenses);
    expect(currentStep(run(atLicenses, { type: 'visit', step: identity }))).toBe(identity);
    expect(currentStep(run(atLicenses, { type: 'visit', step: review }))).toBe(licenses);
    const backAndForth = run(
      atLicenses,
      { type: 'visit', step: identity },
      { type: 'visit', step: licenses },
    );
    expect(currentStep(backAndForth)).toBe(licenses);
    expect(backAndForth.focus?.target).toEqual({ kind: 'heading' });

    // A reload keeps the step the URL names, unless it was never reached.
    const restore = (requested: number) =>
      run(
        initialFormState,
        {
          type: 'restored',
          draft: { ...newDraft(), email, step: identity, furthestStep: licenses },
          today: '',
          requested,
        },
        { type: 'proofChecked', proof },
      );
    expect(currentStep(restore(licenses))).toBe(licenses);
    expect(currentStep(restore(review))).toBe(licenses);
    // The email step is shown while the email is unproven; a URL naming it leaves the draft's step.
    expect(currentStep(restore(stepIndex('email')))).toBe(identity);

    // Without a proof of the email, only the email step can be shown.
    const unproven = run(initialFormState, {
      type: 'restored',
      draft: { ...newDraft(), email, step: licenses, furthestStep: licenses },
      today: '',
    });
    const noProof = run(unproven, { type: 'proofChecked', proof: null }, { type: 'visit', step: identity });
    expect(currentStep(noProof)).toBe(stepIndex('email'));
  });

  it('starts over with a new draft, no errors and no proof', () => {
    const fresh = newDraft();
    const state = run(
      provenAt(profession),
      { type: 'invalid', errors: { npi: "The check digit doesn't match; check for a typo." } },
      { type: 'startedOver', draft: fresh },
    );
    expect(state.draft).toBe(fresh);
    expect(state.errors).toEqual({});
    expect(state.proof).toEqual({ kind: 'known', proof: null });
    expect(currentStep(state)).toBe(stepIndex('email'));
  });
});
