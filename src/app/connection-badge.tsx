import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { BadgeDetail, StatusBadge, type BadgeTone } from '@/components/status-badge';
import { formatClock } from '@/i18n/format';
import { say } from '@/i18n/message';
import { useNow } from '@/components/use-now';
import { useConnectionStore, type ConnectionStatus } from '@/stores/connection-store';

const LABELS = {
  connected: 'connection.status.connected',
  connecting: 'connection.status.connecting',
  reconnecting: 'connection.status.reconnecting',
  offline: 'connection.status.offline',
} as const satisfies Record<ConnectionStatus, string>;

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
  const { t } = useTranslation(['app', 'common']);
  const status = useConnectionStore((s) => s.status);
  return (
    <StatusBadge
      name={t('connection.name')}
      label={t(LABELS[status])}
      tone={TONES[status]}
      className={`status-badge--${status}`}
    >
      <ConnectionDetails />
    </StatusBadge>
  );
}

function ConnectionDetails() {
  const { t } = useTranslation(['app', 'common']);
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
      ? t('connection.reconnectingAttempt', { attempt })
      : t('connection.since', { state: t(LABELS[status]), time: formatClock(since, now) });
  return (
    <>
      <dl className="badge-popover__list">
        <BadgeDetail term={t('connection.term.state')}>{state}</BadgeDetail>
        {reason && status !== 'connected' && (
          <BadgeDetail term={t('connection.term.reason')}>{say(reason)}</BadgeDetail>
        )}
        {status === 'reconnecting' && retryAt !== null && (
          <BadgeDetail term={t('connection.term.nextTry')}>
            {retryAt <= now
              ? t('connection.nextTryNow')
              : t('connection.nextTryIn', { count: Math.ceil((retryAt - now) / 1000) })}
          </BadgeDetail>
        )}
        {status === 'offline' && (
          <BadgeDetail term={t('connection.term.nextTry')}>
            {t('connection.whenNetworkBack')}
          </BadgeDetail>
        )}
        <BadgeDetail term={t('connection.term.broker')}>
          <code>{url || t('connection.noBroker')}</code>
        </BadgeDetail>
      </dl>
      {help && status !== 'connected' && (
        <p className="badge-popover__help">
          <a href={help.href} target="_blank" rel="noreferrer">
            {say(help.text)}
          </a>
        </p>
      )}
    </>
  );
}
