'use client';
import { type FormEvent, useId, useState } from 'react';
import { describeFailure } from '../api/describe-failure';
import { inviteStaff } from '../api/staff';
import { buttonClass, FormAlert, inputClass } from './ui';

type Role = 'admin' | 'clinician' | 'marketer';

/** An admin invites a person by name, email and role; the answer says where the link went. */
export function InviteStaffForm() {
  const id = useId();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('clinician');
  const [error, setError] = useState<string | undefined>();
  const [sent, setSent] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setSent(undefined);
    setBusy(true);
    const result = await inviteStaff({ name, email, role });
    setBusy(false);
    if (result.kind === 'ok') {
      setSent(
        `Invitation sent to ${result.data.user.email}. The link works until ${new Date(result.data.invitationExpiresAt).toUTCString()}.`,
      );
      setName('');
      setEmail('');
      return;
    }
    const issues = result.kind === 'error' ? result.error?.issues : undefined;
    setError(issues?.length ? issues.map((issue) => issue.message).join(' ') : describeFailure(result));
  }

  return (
    <form noValidate onSubmit={submit} className="mt-4 grid gap-4 sm:grid-cols-3">
      <div>
        <label htmlFor={`${id}-name`} className="block text-sm font-semibold text-slate-800">
          Name
        </label>
        <input
          id={`${id}-name`}
          name="name"
          autoComplete="off"
          className={inputClass}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div>
        <label htmlFor={`${id}-email`} className="block text-sm font-semibold text-slate-800">
          Email
        </label>
        <input
          id={`${id}-email`}
          name="email"
          type="email"
          autoComplete="off"
          spellCheck={false}
          className={inputClass}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </div>
      <div>
        <label htmlFor={`${id}-role`} className="block text-sm font-semibold text-slate-800">
          Role
        </label>
        <select
          id={`${id}-role`}
          name="role"
          className={inputClass}
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
        >
          <option value="clinician">Clinician</option>
          <option value="marketer">Marketer</option>
          <option value="admin">Admin</option>
        </select>
      </div>
      <div className="sm:col-span-3">
        <button type="submit" className={buttonClass} disabled={busy}>
          {busy ? 'Sending…' : 'Send invitation'}
        </button>
        <FormAlert>{error}</FormAlert>
        {sent && (
          <p role="status" className="mt-4 text-slate-800">
            {sent}
          </p>
        )}
      </div>
    </form>
  );
}
