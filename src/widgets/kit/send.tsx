import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { msg, say, verbatim, type Message } from '@/i18n/message';
import type { Publish, PublishOptions } from '@/mqtt/connection';

/** A control's way to publish, and what went wrong the last time. */
export interface Sender {
  /** Publish; true once the broker has it, false when it was not sent (see `error`). */
  send(topic: string, payload: string, options: PublishOptions): Promise<boolean>;
  /** "Not sent: …" after a failed send, until the next send succeeds (said on screen). */
  readonly error: Message | null;
}

/**
 * Every publishing widget's send: one place for the "Not sent" handling, so a control whose
 * message did not go out (not connected, refused) always says so the same way.
 */
export function useSend(publish: Publish): Sender {
  const [error, setError] = useState<Message | null>(null);
  const send = useCallback(
    (topic: string, payload: string, options: PublishOptions) =>
      publish(topic, payload, options).then(
        () => {
          setError(null);
          return true;
        },
        (err: unknown) => {
          setError(msg('widgets:send.notSent', { why: whyNotSent(err) }));
          return false;
        },
      ),
    [publish],
  );
  return { send, error };
}

/**
 * Why a publish failed, in words: the connection refuses with "not connected" (said in the
 * language on screen); anything else is the MQTT client's or the broker's own text.
 */
function whyNotSent(err: unknown): string {
  if (!(err instanceof Error)) return say('widgets:send.error');
  if (err.message === 'not connected') return say('widgets:send.notConnected');
  return say(verbatim(err.message));
}

/** The send error under a control, announced when it appears. */
export function SendError({ error }: { error: Message | null }) {
  useTranslation('widgets');
  if (!error) return null;
  return (
    <p className="widget__hint widget__hint--error" role="alert">
      {say(error)}
    </p>
  );
}

/** A control without a topic does nothing: it says so instead of silently ignoring a press. */
export function NoTopic() {
  const { t } = useTranslation('widgets');
  return <p className="widget__hint">{t('send.noTopic')}</p>;
}
