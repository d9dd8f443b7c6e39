/** A 24×24 SVG icon from one path; decorative (the button around it carries the name). */
export function Icon({ d, size = 20 }: { d: string; size?: number }) {
  return (
    <svg viewBox="0 0 24 24" width={size} height={size} aria-hidden="true">
      <path fill="currentColor" d={d} />
    </svg>
  );
}

/**
 * A button that shows only an icon: its label is its accessible name and its tooltip, so it
 * is findable by screen readers, tests and a mouse hover alike.
 */
export function IconButton({
  label,
  onClick,
  d,
  className = 'icon-button',
  size,
}: {
  label: string;
  onClick(): void;
  d: string;
  className?: string;
  size?: number;
}) {
  return (
    <button type="button" className={className} aria-label={label} title={label} onClick={onClick}>
      <Icon d={d} {...(size ? { size } : {})} />
    </button>
  );
}
