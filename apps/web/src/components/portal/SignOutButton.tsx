'use client';
import { staffSignOut } from '../api/staff';
import { secondaryButtonClass } from './ui';

/** Signs out everywhere (the session version moves on), then shows the sign-in page. */
export function SignOutButton() {
  return (
    <button
      type="button"
      className={secondaryButtonClass}
      onClick={async () => {
        await staffSignOut();
        window.location.assign('/portal/sign-in?signedOut=1');
      }}
    >
      Sign out
    </button>
  );
}
