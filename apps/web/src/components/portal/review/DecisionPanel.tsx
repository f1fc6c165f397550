'use client';
import type { ApplicationDecisionAction, ClinicianApplicationStatus } from '@telehealth/contracts';
import { useRouter } from 'next/navigation';
import { type FormEvent, useId, useRef, useState } from 'react';
import { describeFailure } from '../../api/describe-failure';
import { decideApplication } from '../../api/review';
import { buttonClass, FormAlert, inputClass, secondaryButtonClass } from '../ui';

/** The moves of the state machine (contracts' applicationTransitions), in the admin's words. */
const actionsFrom: Record<ClinicianApplicationStatus, ApplicationDecisionAction[]> = {
  SUBMITTED: ['start_review', 'request_info', 'reject'],
  IN_REVIEW: ['approve', 'request_info', 'reject'],
  INFO_REQUESTED: ['start_review', 'reject'],
  APPROVED: [],
  REJECTED: [],
};
const labels: Record<ApplicationDecisionAction, string> = {
  start_review: 'Start review',
  request_info: 'Request information',
  approve: 'Approve',
  reject: 'Reject',
};

/** Decision buttons; rejecting asks for a reason, requesting information for a message. */
export function DecisionPanel({
  applicationId,
  status,
}: {
  applicationId: string;
  status: ClinicianApplicationStatus;
}) {
  const id = useId();
  const router = useRouter();
  const [chosen, setChosen] = useState<'reject' | 'request_info' | undefined>();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const actions = actionsFrom[status];

  const doneNote = done && (
    <p
      role="status"
      className="mt-4 rounded-md border border-green-700 bg-green-50 p-3 text-sm text-green-900"
    >
      {done}
    </p>
  );

  if (actions.length === 0) {
    return (
      <>
        {doneNote}
        <p className="mt-2 text-slate-700">This application is closed: no further decisions.</p>
      </>
    );
  }

  async function send(action: ApplicationDecisionAction) {
    setError(undefined);
    setDone(undefined);
    setBusy(true);
    const body =
      action === 'reject'
        ? { action, reason: text }
        : action === 'request_info'
          ? { action, message: text }
          : { action };
    const result = await decideApplication(applicationId, body);
    setBusy(false);
    if (result.kind === 'ok') {
      const told = result.data.applicantEmailed
        ? 'The applicant has been emailed.'
        : `We could not email the applicant: tell them yourself, quoting ${result.data.referenceNumber}.`;
      // Approval does not create the portal account yet: the admin invites the clinician.
      const next =
        action === 'approve' ? ' Next, invite them to the portal as a clinician (Portal home).' : '';
      setDone(`Done: ${labels[action].toLowerCase()}. ${told}${next}`);
      setChosen(undefined);
      setText('');
      router.refresh();
      return;
    }
    const issues = result.kind === 'error' ? result.error?.issues : undefined;
    setError(issues?.length ? issues.map((issue) => issue.message).join(' ') : describeFailure(result));
    if (issues?.length) textRef.current?.focus();
  }

  function submitText(event: FormEvent) {
    event.preventDefault();
    if (chosen) void send(chosen);
  }

  return (
    <div className="mt-4">
      <div className="flex flex-wrap gap-3">
        {actions.map((action) =>
          action === 'reject' || action === 'request_info' ? (
            <button
              key={action}
              type="button"
              className={secondaryButtonClass}
              aria-expanded={chosen === action}
              onClick={() => {
                setChosen(action);
                setError(undefined);
              }}
            >
              {labels[action]}…
            </button>
          ) : (
            <button
              key={action}
              type="button"
              className={buttonClass}
              disabled={busy}
              onClick={() => void send(action)}
            >
              {labels[action]}
            </button>
          ),
        )}
      </div>
      {chosen && (
        <form noValidate onSubmit={submitText} className="mt-4">
          <label htmlFor={`${id}-text`} className="block text-sm font-semibold text-slate-800">
            {chosen === 'reject' ? 'Reason for rejecting' : 'What the applicant needs to send'}
          </label>
          <p id={`${id}-hint`} className="text-sm text-slate-700">
            The applicant reads this in their email.
          </p>
          <textarea
            ref={textRef}
            id={`${id}-text`}
            name={chosen === 'reject' ? 'reason' : 'message'}
            rows={4}
            aria-describedby={`${id}-hint`}
            aria-invalid={Boolean(error) || undefined}
            className={inputClass}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <div className="mt-3 flex flex-wrap gap-3">
            <button type="submit" className={buttonClass} disabled={busy}>
              {chosen === 'reject' ? 'Reject application' : 'Send request'}
            </button>
            <button type="button" className={secondaryButtonClass} onClick={() => setChosen(undefined)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <FormAlert>{error}</FormAlert>
      {doneNote}
    </div>
  );
}
