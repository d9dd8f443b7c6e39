import { useShallow } from 'zustand/react/shallow';
import { BadgeDetail, StatusBadge, type BadgeTone } from '@/components/status-badge';
import { formatClock } from '@/i18n/format';
import { useNow } from '@/components/use-now';
import { useConnectionStore, type ConnectionStatus } from '@/stores/connection-store';

const LABELS: Record<ConnectionStatus, string> = {
  connected: 'Connected',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting',
  offline: 'Offline',
};

const TONES: Record<ConnectionStatus, BadgeTone> = {
  connected: 'ok',
  connecting: 'busy',
  reconnecting: 'busy',
  offline: 'bad',
};

/**
 * Always visible: is what I see live? One word in the header; the attempt, the reason, the
 * next try, the broker and what helps are in its popover.
 */
export function ConnectionBadge() {
  const status = useConnectionStore((s) => s.status);
  return (
    <StatusBadge
      name="Connection"
      label={LABELS[status]}
      tone={TONES[status]}
      className={`status-badge--${status}`}
    >
      <ConnectionDetails />
    </StatusBadge>
  );
}

function ConnectionDetails() {
  const { status, attempt, reason, url, help, retryAt, since } = useConnectionStore(
    useShallow((s) => ({
      status: s.status,
      attempt: s.attempt,
      reason: s.reason,
      url: s.url,
      help: s.help,
      retryAt: s.retryAt,
      since: s.since,
    })),
  );
  const now = useNow(status === 'reconnecting' ? 1000 : null);
  const state =
    status === 'reconnecting'
      ? `Reconnecting, attempt ${attempt}`
      : `${LABELS[status]} since ${formatClock(since, now)}`;
  return (
    <>
      <dl className="badge-popover__list">
        <BadgeDetail term="State">{state}</BadgeDetail>
        {reason && status !== 'connected' && <BadgeDetail term="Reason">{reason}</BadgeDetail>}
        {status === 'reconnecting' && retryAt !== null && (
          <BadgeDetail term="Next try">
            {retryAt <= now ? 'now' : `in ${Math.ceil((retryAt - now) / 1000)} s`}
          </BadgeDetail>
        )}
        {status === 'offline' && (
          <BadgeDetail term="Next try">when the network is back</BadgeDetail>
        )}
        <BadgeDetail term="Broker">
          <code>{url || 'none set'}</code>
        </BadgeDetail>
      </dl>
      {help && status !== 'connected' && (
        <p className="badge-popover__help">
          <a href={help.href} target="_blank" rel="noreferrer">
            {help.text}
          </a>
        </p>
      )}
    </>
  );
}
