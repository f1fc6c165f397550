import { signupMessages } from '@telehealth/contracts/client';

const linkClass = 'font-medium text-brand-700 underline underline-offset-2 hover:no-underline';

/**
 * Under the signup form's details: where someone we cannot serve yet can go instead. The under-18
 * line shows with the date-of-birth error that says so; the state line always shows, since the state
 * list holds only the states we serve.
 */
export function WaitlistLinks({ dateOfBirthError }: { dateOfBirthError: string | undefined }) {
  return (
    <div className="mt-3 space-y-1 text-sm text-slate-700">
      {dateOfBirthError === signupMessages.tooYoung ? (
        <p>
          Under 18?{' '}
          <a href="/notify-me?reason=under-18" className={linkClass}>
            Leave your email to hear when we can see you
          </a>
        </p>
      ) : null}
      <p>
        Is your state not in the list?{' '}
        <a href="/notify-me?reason=state-not-served" className={linkClass}>
          Leave your email to hear when we get there
        </a>
      </p>
    </div>
  );
}
