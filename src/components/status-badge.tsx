import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The badge's colour: in step, busy, failed, or idle (local, unknown). */
export type BadgeTone = 'ok' | 'busy' | 'bad' | 'idle';

export interface StatusBadgeProps {
  /** What the badge is about ("Connection"): the status region's name. */
  name: string;
  /** The state in one or two words ("Reconnecting"): all the badge shows, at any width. */
  label: string;
  tone: BadgeTone;
  /** The details, shown in the popover while it is open. */
  children: ReactNode;
  className?: string;
}

/**
 * A status in the header: a short word in a live region (so a change is announced), which is
 * also a disclosure button. Its popover holds the details (why, since when, what to do), so
 * the label never grows with the reason and the header never overflows. Esc, a click
 * elsewhere or the button again closes it.
 */
export function StatusBadge({ name, label, tone, children, className }: StatusBadgeProps) {
  const { t } = useTranslation('common');
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const popoverId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault(); // edit mode's Esc (leave edit mode) is not meant
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  return (
    <div
      ref={rootRef}
      className={`status-badge status-badge--${tone}${className ? ` ${className}` : ''}`}
    >
      <div role="status" aria-label={name} className="status-badge__status">
        <button
          ref={buttonRef}
          type="button"
          className="badge"
          aria-label={`${name}: ${label}`}
          aria-expanded={open}
          aria-controls={popoverId}
          onClick={() => setOpen((o) => !o)}
        >
          <span className="badge__dot" aria-hidden="true" />
          <span className="badge__text">{label}</span>
        </button>
      </div>
      <div
        id={popoverId}
        className="badge-popover"
        role="group"
        aria-label={t('statusBadge.details', { name })}
        hidden={!open}
      >
        {open && children}
      </div>
    </div>
  );
}

/** One line of a badge's details: a term and what it is now. */
export function BadgeDetail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="badge-popover__row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
