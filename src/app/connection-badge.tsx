import { useShallow } from 'zustand/react/shallow';
import { useConnectionStore } from '@/stores/connection-store';

/** Always visible: is what I see live? */
export function ConnectionBadge() {
  const { status, attempt, reason, url, help } = useConnectionStore(
    useShallow((s) => ({
      status: s.status,
      attempt: s.attempt,
      reason: s.reason,
      url: s.url,
      help: s.help,
    })),
  );
  const label =
    status === 'connected'
      ? 'Connected'
      : status === 'connecting'
        ? 'Connecting…'
        : status === 'reconnecting'
          ? `Reconnecting (attempt ${attempt})`
          : 'Offline';
  return (
    <div
      className={`badge badge--${status}`}
      role="status"
      aria-label="Connection"
      title={url ? `Broker: ${url}` : undefined}
    >
      <span className="badge__dot" aria-hidden="true" />
      <span className="badge__text">
        {label}
        {reason && status !== 'connected' && <span className="badge__reason"> — {reason}</span>}
      </span>
      {help && status !== 'connected' && (
        <a className="badge__help" href={help.href} target="_blank" rel="noreferrer">
          {help.text}
        </a>
      )}
    </div>
  );
}
