import { useCallback, useState } from 'react';
import type { Publish, PublishOptions } from '@/mqtt/connection';

/** A control's way to publish, and what went wrong the last time. */
export interface Sender {
  /** Publish; true once the broker has it, false when it was not sent (see `error`). */
  send(topic: string, payload: string, options: PublishOptions): Promise<boolean>;
  /** "Not sent: …" after a failed send, until the next send succeeds. */
  readonly error: string | null;
}

/**
 * Every publishing widget's send: one place for the "Not sent" handling, so a control whose
 * message did not go out (not connected, refused) always says so the same way.
 */
export function useSend(publish: Publish): Sender {
  const [error, setError] = useState<string | null>(null);
  const send = useCallback(
    (topic: string, payload: string, options: PublishOptions) =>
      publish(topic, payload, options).then(
        () => {
          setError(null);
          return true;
        },
        (err: unknown) => {
          setError(`Not sent: ${err instanceof Error ? err.message : 'error'}`);
          return false;
        },
      ),
    [publish],
  );
  return { send, error };
}

/** The send error under a control, announced when it appears. */
export function SendError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p className="widget__hint widget__hint--error" role="alert">
      {error}
    </p>
  );
}

/** A control without a topic does nothing: it says so instead of silently ignoring a press. */
export function NoTopic() {
  return <p className="widget__hint">No topic set.</p>;
}
