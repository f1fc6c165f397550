import { PASSWORD_RULES_TEXT } from '@telehealth/contracts/client';

/** The password rules, shown before anyone types (NIST: no surprises after the fact). */
export function PasswordRules({ id }: { id: string }) {
  return (
    <ul id={id} className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700">
      {PASSWORD_RULES_TEXT.map((rule) => (
        <li key={rule}>{rule}</li>
      ))}
    </ul>
  );
}
