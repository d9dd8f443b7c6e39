/**
 * Publishes waiting to be heard back. Mosquitto drops a publish its ACL denies without a
 * word (MQTT 3.1.1 has no error for it), so the sync counts a dashboard as on the broker only
 * when the same payload comes back on its own subscription.
 */

type Timer = ReturnType<typeof setTimeout>;

export interface EchoTracker {
  /** A publish of `payload` on `topic` for dashboard `id` starts; false: it already is. */
  expect(id: string, topic: string, payload: string): boolean;
  /** A message heard on `topic`: the dashboard whose publish it confirms, or null. */
  heard(topic: string, text: string): string | null;
  /** This publish failed before it left: forget it. False when a newer one replaced it. */
  failed(topic: string, payload: string): boolean;
  /** Dashboards with a publish not heard back yet. */
  pendingIds(): string[];
  /** The connection dropped: forget every publish; returns the dashboards they were for. */
  clear(): string[];
}

export function createEchoTracker(options: {
  /** How long a publish may take to come back before it counts as refused. */
  timeoutMs: number;
  /** A publish never came back within the time. */
  onSilent(id: string, topic: string): void;
}): EchoTracker {
  const awaiting = new Map<string, { id: string; payload: string; timer: Timer }>();

  return {
    expect(id, topic, payload) {
      const previous = awaiting.get(topic);
      if (previous?.payload === payload) return false; // already on its way
      if (previous) clearTimeout(previous.timer);
      const entry = {
        id,
        payload,
        timer: setTimeout(() => {
          if (awaiting.get(topic) !== entry) return;
          awaiting.delete(topic);
          options.onSilent(id, topic);
        }, options.timeoutMs),
      };
      awaiting.set(topic, entry);
      return true;
    },
    heard(topic, text) {
      const pending = awaiting.get(topic);
      if (!pending || pending.payload !== text) return null;
      clearTimeout(pending.timer);
      awaiting.delete(topic);
      return pending.id;
    },
    failed(topic, payload) {
      const pending = awaiting.get(topic);
      if (!pending || pending.payload !== payload) return false;
      clearTimeout(pending.timer);
      awaiting.delete(topic);
      return true;
    },
    pendingIds: () => [...awaiting.values()].map((a) => a.id),
    clear() {
      const ids = [...awaiting.values()].map((a) => a.id);
      for (const a of awaiting.values()) clearTimeout(a.timer);
      awaiting.clear();
      return ids;
    },
  };
}
