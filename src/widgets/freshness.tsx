import { useState } from 'react';
import { formatAge, formatClock, useNow } from '@/components/use-now';
import { useConnectionStore } from '@/stores/connection-store';

/** Without the broker, values are marked stale after this long. */
const OFFLINE_STALE_MS = 3000;

/**
 * When the widget's value last changed, readable on hover (title) and tap (toggle); and,
 * with `staleAfter`, a visible "Stale" mark once no message came for that long — so a dead
 * sensor is noticed on a wall tablet. Its own component: only it re-renders as time passes.
 */
export function Freshness({
  receivedAt,
  staleAfter,
}: {
  receivedAt: number;
  staleAfter: number | null;
}) {
  const [open, setOpen] = useState(false);
  // Without the broker every value ages: after a short grace it is marked stale too.
  const disconnectedAt = useConnectionStore((s) => s.disconnectedAt);
  // A stale check needs a tick; a plain age only while it is shown.
  const now = useNow(staleAfter !== null || open || disconnectedAt !== null ? 1000 : null);
  const age = now - receivedAt;
  const offline = disconnectedAt !== null && now - disconnectedAt > OFFLINE_STALE_MS;
  const staleFrom = offline
    ? Math.max(receivedAt, disconnectedAt)
    : staleAfter !== null && age > staleAfter * 1000
      ? receivedAt + staleAfter * 1000
      : null;
  const stale = staleFrom !== null;
  const text = `Last update ${formatClock(receivedAt, now)}, ${formatAge(age)}`;
  return (
    <span className={`freshness${stale ? ' freshness--stale' : ''}`}>
      <button
        type="button"
        className="freshness__button"
        aria-label={stale ? `Stale. ${text}` : text}
        aria-expanded={open}
        title={text}
        onClick={() => setOpen((o) => !o)}
      >
        {stale ? (
          <span className="freshness__stale">
            Stale since {formatClock(receivedAt + staleAfter! * 1000, now)}
          </span>
        ) : (
          <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true">
            <path
              fill="currentColor"
              d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16zm.5-13H11v6l5.2 3.2.8-1.3-4.5-2.7z"
            />
          </svg>
        )}
      </button>
      {open && (
        <span className="freshness__text" role="status">
          {text}
        </span>
      )}
    </span>
  );
}
