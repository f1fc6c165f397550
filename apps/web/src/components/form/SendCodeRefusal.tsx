/**
 * Why a code was not sent, shown under the form that asks for one. When the refusal is a wait
 * (rate limited), a code sent earlier may still be in the inbox, so the person can go on with it.
 */
export function SendCodeRefusal({
  message,
  alreadySentTo,
  onAlreadyHaveCode,
}: {
  message: string;
  /** Set when the refusal is a wait: the address a code may already have gone to. */
  alreadySentTo?: string;
  onAlreadyHaveCode: () => void;
}) {
  return (
    <div className="mt-6 rounded-md border-2 border-red-700 bg-red-50 p-4 text-slate-900">
      <p role="alert">{message}</p>
      {alreadySentTo ? (
        <div className="mt-3">
          <p className="text-sm text-slate-700">
            If we already sent a code to {alreadySentTo}, you can enter it now.
          </p>
          <button
            type="button"
            className="mt-2 rounded-md border border-brand-700 bg-white px-4 py-2 text-sm font-semibold text-brand-700 hover:bg-brand-50"
            onClick={onAlreadyHaveCode}
          >
            I already have a code
          </button>
        </div>
      ) : null}
    </div>
  );
}
