import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClock } from '@/i18n/format';
import type { LiveEntry } from '@/stores/live-store';
import type { WidgetViewProps } from '../types';
import { notificationFor } from './message';
import type { NotificationConfig } from './schema';
import './notification.css';

/** The notification the card shows. */
interface Last {
  /** The message it came from: its identity is what makes one toast per message. */
  readonly entry: LiveEntry;
  readonly text: string;
}

/**
 * Shows the last notification on a small card. The toasts themselves come from the widget's
 * `alert` (index.ts), run for the whole dashboard whichever page is shown (widgets/alerts.ts):
 * each new message that matches the rules, once; never retained ones (the broker resends them
 * on every reconnect) or what was there before the page opened. Empty payloads (clearing a
 * retained message) are ignored.
 */
export function NotificationView({ config, value }: WidgetViewProps<NotificationConfig>) {
  const { t } = useTranslation('widgets');
  const [seen, setSeen] = useState(value);
  const [last, setLast] = useState<Last | null>(() => {
    const text = value ? notificationFor(config, value) : null;
    return value && text !== null ? { entry: value, text } : null;
  });

  // Adjusting state while rendering (React's pattern for "state derived from a changed prop"):
  // the card updates in the same render as the message, without an effect cascade.
  if (value !== seen) {
    setSeen(value);
    const text = value ? notificationFor(config, value) : null;
    if (value && text !== null) setLast({ entry: value, text });
  }
  const { severity } = config;

  // The card follows template edits (live preview in edit mode); a message that the new
  // rules would not match keeps the text it had.
  const text = last ? (notificationFor(config, last.entry) ?? last.text) : null;

  return (
    <div className={`notification notification--${severity}`}>
      {last && text !== null ? (
        <>
          <p className="notification__text">{text}</p>
          <p className="notification__meta">
            <span className="notification__severity">
              {t(`notification.severities.${severity}`)}
            </span>
            <time dateTime={new Date(last.entry.receivedAt).toISOString()}>
              {formatClock(last.entry.receivedAt)}
            </time>
          </p>
        </>
      ) : (
        <p className="notification__empty">{t('notification.empty')}</p>
      )}
    </div>
  );
}
