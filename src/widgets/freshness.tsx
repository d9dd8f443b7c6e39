import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { t } from '@/i18n/i18n';
import { formatAge, formatClock, formatShortClock } from '@/i18n/format';
import { useNow } from '@/components/use-now';
import type { LiveEntry } from '@/mqtt/ingest';
import { useConnectionStore } from '@/stores/connection-store';

/** Without the broker, values are marked stale after this long. */
export const OFFLINE_STALE_MS = 3000;

export interface FreshnessState {
  /** Since when the value is stale, or null while it is fresh. */
  readonly staleFrom: number | null;
  /** When it arrived and how it is to be read, for people. */
  readonly text: string;
}

/**
 * How fresh a widget's value is. It goes stale when no message came for `staleAfter`
 * seconds (a dead sensor), or when the broker is away (no message could come): from
 * whichever happened first. A retained value arrived when the page subscribed; the broker
 * does not tell its age, so its arrival is not called an update.
 */
export function freshness(
  entry: Pick<LiveEntry, 'receivedAt' | 'retained' | 'recorded'>,
  staleAfter: number | null,
  disconnectedAt: number | null,
  now: number,
  /** Say the age ("30 sec. ago"): only where `now` ticks, or it would be a frozen "now". */
  withAge = true,
): FreshnessState {
  return {
    staleFrom: staleSince(entry.receivedAt, staleAfter, disconnectedAt, now),
    text: freshnessText(entry, now, withAge),
  };
}

/** Since when a value that arrived at `receivedAt` is stale, or null while it is fresh. */
function staleSince(
  receivedAt: number,
  staleAfter: number | null,
  disconnectedAt: number | null,
  now: number,
): number | null {
  const candidates: number[] = [];
  if (staleAfter !== null && now - receivedAt > staleAfter * 1000) {
    candidates.push(receivedAt + staleAfter * 1000);
  }
  if (disconnectedAt !== null && now - disconnectedAt > OFFLINE_STALE_MS) {
    // Stale from the moment the broker went, or from its arrival if that came later.
    candidates.push(Math.max(receivedAt, disconnectedAt));
  }
  return candidates.length > 0 ? Math.min(...candidates) : null;
}

function freshnessText(
  { receivedAt, retained, recorded }: Pick<LiveEntry, 'receivedAt' | 'retained' | 'recorded'>,
  now: number,
  withAge: boolean,
): string {
  if (recorded) {
    return t('widgets:freshness.recorded', {
      time: formatShortClock(receivedAt, now),
      age: formatAge(Math.max(0, now - receivedAt)),
    });
  }
  const time = formatClock(receivedAt, now);
  if (retained) return t('widgets:freshness.retained', { time });
  return withAge
    ? t('widgets:freshness.lastUpdate', { time, age: formatAge(now - receivedAt) })
    : t('widgets:freshness.lastUpdateAt', { time });
}

/**
 * When the widget's value last changed, readable on hover (title) and tap (toggle); and,
 * with `staleAfter`, a visible "Stale" mark once no message came for that long — so a dead
 * sensor is noticed on a wall tablet. Its own component, given the value's time to the
 * second: under a flood it re-renders once a second, not in every frame (a badge that said
 * the same thing cost 60 ms of the main thread in the benchmark's 1 s flood), and as time
 * passes only it re-renders.
 */
export const Freshness = memo(function Freshness({
  receivedSecond,
  retained,
  recorded = false,
  staleAfter,
}: {
  /** The value's arrival, in whole seconds since the epoch (Math.floor(receivedAt / 1000)). */
  receivedSecond: number;
  retained: boolean;
  /** The recorder's value from before the page opened: its time is shown, visibly. */
  recorded?: boolean;
  staleAfter: number | null;
}) {
  useTranslation('widgets'); // said anew when the language changes
  const [open, setOpen] = useState(false);
  // Without the broker every value ages: after a short grace it is marked stale too.
  const disconnectedAt = useConnectionStore((s) => s.disconnectedAt);
  // A stale check needs a tick; a plain age only while it is shown.
  const ticking = staleAfter !== null || open || disconnectedAt !== null || recorded;
  const now = useNow(ticking ? 1000 : null);
  // Stale from the second's end (never early by the rounding); the clock time is its start.
  const staleFrom = staleSince(receivedSecond * 1000 + 999, staleAfter, disconnectedAt, now);
  // Without a tick, `now` is when the badge mounted (days ago, on a wall tablet): the value's
  // own time is the better "today" for its clock time.
  const receivedAt = receivedSecond * 1000;
  const text = freshnessText(
    { receivedAt, retained, recorded },
    Math.max(now, receivedAt),
    ticking,
  );
  const stale = staleFrom !== null;
  const staleText = stale
    ? t('widgets:freshness.staleSince', { time: formatClock(staleFrom, now) })
    : null;
  return (
    <span
      className={`freshness${stale ? ' freshness--stale' : ''}${recorded ? ' freshness--recorded' : ''}`}
    >
      <button
        type="button"
        className="freshness__button"
        aria-label={
          staleText ? t('widgets:freshness.staleLabel', { stale: staleText, text }) : text
        }
        aria-expanded={open}
        title={text}
        onClick={() => setOpen((o) => !o)}
      >
        {staleText ? (
          <span className="freshness__stale">{staleText}</span>
        ) : recorded ? (
          <span className="freshness__stale">
            {t('widgets:freshness.recordedShort', { time: formatShortClock(receivedAt, now) })}
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
});
