import { useEffect, useRef, useState } from 'react';
import { formatClock } from '@/components/use-now';
import type { LiveEntry } from '@/stores/live-store';
import { useNoticeStore } from '@/stores/notice-store';
import type { WidgetViewProps } from '../types';
import { notificationFor } from './message';
import type { NotificationConfig } from './schema';
import './notification.css';

/** The notification the card shows. */
interface Last {
  /** The message it came from: its identity is what makes one toast per message. */
  readonly entry: LiveEntry;
  readonly text: string;
  /** A new live message (toast it), not one that was already there or retained. */
  readonly toast: boolean;
}

const SEVERITY_WORD = { info: 'Info', warning: 'Warning', error: 'Error' } as const;

/**
 * Turns messages into toasts, and shows the last one on a small card.
 *
 * Which messages toast: each NEW message that matches the rules, once. Not the message that
 * is already there when the widget appears (a page switch or reload would repeat old news),
 * and not retained messages (the broker resends them on every reconnect; they are state,
 * not events). Both still show on the card. Empty payloads (clearing a retained message)
 * are ignored.
 */
export function NotificationView({ config, value }: WidgetViewProps<NotificationConfig>) {
  const [seen, setSeen] = useState(value);
  const [last, setLast] = useState<Last | null>(() => {
    const text = value ? notificationFor(config, value) : null;
    return value && text !== null ? { entry: value, text, toast: false } : null;
  });

  // Adjusting state while rendering (React's pattern for "state derived from a changed prop"):
  // the card updates in the same render as the message, without an effect cascade.
  if (value !== seen) {
    setSeen(value);
    const text = value ? notificationFor(config, value) : null;
    if (value && text !== null) setLast({ entry: value, text, toast: !value.retained });
  }

  // StrictMode runs effects twice, and a re-render with the same `last` re-runs this effect:
  // remembering the entry object makes the toast idempotent.
  const toasted = useRef<LiveEntry | null>(null);
  const { severity, duration } = config;
  useEffect(() => {
    if (!last?.toast || toasted.current === last.entry) return;
    toasted.current = last.entry;
    useNoticeStore.getState().show({
      kind: severity,
      text: last.text,
      ...(duration > 0 ? { timeoutMs: duration * 1000 } : {}),
    });
  }, [last, severity, duration]);

  // The card follows template edits (live preview in edit mode); a message that the new
  // rules would not match keeps the text it had.
  const text = last ? (notificationFor(config, last.entry) ?? last.text) : null;

  return (
    <div className={`notification notification--${severity}`}>
      {last && text !== null ? (
        <>
          <p className="notification__text">{text}</p>
          <p className="notification__meta">
            <span className="notification__severity">{SEVERITY_WORD[severity]}</span>
            <time dateTime={new Date(last.entry.receivedAt).toISOString()}>
              {formatClock(last.entry.receivedAt)}
            </time>
          </p>
        </>
      ) : (
        <p className="notification__empty">No notifications yet</p>
      )}
    </div>
  );
}
