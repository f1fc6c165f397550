'use client';

import { useEffect, useState } from 'react';
import { describeFailure } from '../api/describe-failure';
import { leaveWaitlist } from '../api/waitlist';
import { useFocusRequest } from '../form/use-focus-request';

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; entry: string; token: string }
  | { kind: 'missing' }
  | { kind: 'removing'; entry: string; token: string }
  | { kind: 'removed' }
  | { kind: 'failed'; message: string; entry: string; token: string; final: boolean };

/**
 * The removal link's page. The entry and token travel in the URL fragment (never sent to a server or
 * in a Referer), and nothing is removed until the person presses the button, so a mail scanner that
 * opens the link removes nothing.
 */
export function RemoveFromWaitlist() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const requestFocus = useFocusRequest();

  useEffect(() => {
    const params = new URLSearchParams(window.location.hash.slice(1));
    const entry = params.get('entry') ?? '';
    const token = params.get('token') ?? '';
    setState(entry && token ? { kind: 'ready', entry, token } : { kind: 'missing' });
  }, []);

  async function remove(entry: string, token: string) {
    setState({ kind: 'removing', entry, token });
    const result = await leaveWaitlist({ entry, token });
    if (result.kind === 'ok') {
      // The link has done its job: drop it from the address bar and history.
      window.history.replaceState(null, '', window.location.pathname);
      setState({ kind: 'removed' });
      requestFocus('remove-result');
      return;
    }
    const final = result.kind === 'error' && (result.status === 404 || result.status === 400);
    setState({ kind: 'failed', message: describeFailure(result), entry, token, final });
    requestFocus('remove-result');
  }

  if (state.kind === 'loading') return <p className="text-slate-700">Reading the link…</p>;
  if (state.kind === 'missing') {
    return (
      <p className="text-slate-700">
        This link is missing its details. Open the link from the confirmation email again, or write to the
        privacy address at the foot of this page and we will remove your address by hand.
      </p>
    );
  }
  if (state.kind === 'removed') {
    return (
      <div id="remove-result" tabIndex={-1} role="status" className="outline-none">
        <h2 className="text-xl font-semibold text-slate-900">Your address is removed</h2>
        <p className="mt-2 text-slate-700">
          We deleted it from the list and will not email you about it again.
        </p>
      </div>
    );
  }
  return (
    <div>
      <p className="text-slate-700">
        Press the button to delete your email address from the list. We will not email you about it again.
      </p>
      {state.kind === 'failed' ? (
        <p
          id="remove-result"
          tabIndex={-1}
          role="alert"
          className="mt-4 rounded-md border-2 border-red-700 bg-red-50 p-4 outline-none"
        >
          {state.message}
        </p>
      ) : null}
      {state.kind === 'failed' && state.final ? null : (
        <button
          type="button"
          disabled={state.kind === 'removing'}
          onClick={() => remove(state.entry, state.token)}
          className="mt-6 inline-flex min-h-11 items-center justify-center rounded-md bg-brand-600 px-6 py-3 text-base font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-70"
        >
          {state.kind === 'removing' ? 'Removing…' : 'Remove my address'}
        </button>
      )}
    </div>
  );
}
