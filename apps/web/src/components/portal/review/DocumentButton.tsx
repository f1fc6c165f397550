'use client';
import { useState } from 'react';
import { describeFailure } from '../../api/describe-failure';
import { documentLink } from '../../api/review';
import { secondaryButtonClass } from '../ui';

/** Asks for a 60-second link only when the admin opens the document (each view is audited). */
export function DocumentButton({
  applicationId,
  index,
  label,
}: {
  applicationId: string;
  index: number;
  label: string;
}) {
  const [error, setError] = useState<string | undefined>();
  async function open() {
    setError(undefined);
    const result = await documentLink(applicationId, index);
    if (result.kind === 'ok') window.location.assign(result.data.url);
    else setError(describeFailure(result));
  }
  return (
    <span>
      <button type="button" className={secondaryButtonClass} onClick={() => void open()}>
        Open {label}
      </button>
      {error && (
        <span role="alert" className="ml-2 text-sm text-red-900">
          {error}
        </span>
      )}
    </span>
  );
}
