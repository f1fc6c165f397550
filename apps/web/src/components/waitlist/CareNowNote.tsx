/** Said wherever someone learns we cannot see them yet: where to get care in the meantime. */
export function CareNowNote({ className }: { className?: string }) {
  return (
    <p className={className}>
      If you need care now, call your doctor or an urgent care clinic. In an emergency, call 911; in a crisis,
      call or text 988.
    </p>
  );
}
