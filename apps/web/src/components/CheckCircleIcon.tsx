/** Two drawings of the same mark: `regular` for headings, `small` (on a 20-unit grid) for inline text. */
const drawings = {
  regular: { size: 24, radius: 11, tick: 'm7 12.5 3.2 3.2L17 9', strokeWidth: '2.2' },
  small: { size: 20, radius: 9, tick: 'm6 10.5 2.6 2.6L14 7.5', strokeWidth: '2' },
} as const;

/** A white tick in a filled circle of the current text colour; decorative (`aria-hidden`). */
export function CheckCircleIcon({
  className,
  drawing = 'regular',
}: {
  className: string;
  drawing?: keyof typeof drawings;
}) {
  const { size, radius, tick, strokeWidth } = drawings[drawing];
  const centre = size / 2;
  return (
    <svg aria-hidden="true" viewBox={`0 0 ${size} ${size}`} className={className}>
      <circle cx={centre} cy={centre} r={radius} fill="currentColor" />
      <path d={tick} fill="none" stroke="white" strokeWidth={strokeWidth} strokeLinecap="round" />
    </svg>
  );
}
