export type QoS = 0 | 1 | 2;

/** What the subscription manager needs from a connection. */
export interface SubscriptionTransport {
  isConnected(): boolean;
  /** `done` once the broker answered (granted or refused), or the attempt ended. */
  subscribe(filter: string, qos: QoS, done?: () => void): void;
  unsubscribe(filter: string): void;
}

export interface SubscriptionManager {
  /**
   * Take a reference to `filter` at `qos`; returns its release. The broker subscription is
   * made on the first reference and dropped on the last; the QoS asked of the broker is the
   * highest any holder wants.
   */
  acquire(filter: string, qos: QoS): () => void;
  /**
   * Subscribe everything again: called on every (re)connect, since sessions are clean.
   * Resolves when the broker has answered for every filter.
   */
  restore(): Promise<void>;
  /** Current filters with their reference count and effective QoS. */
  active(): ReadonlyMap<string, { refs: number; qos: QoS }>;
  /** Called with the full filter list whenever it changes. */
  onChange(listener: (filters: string[]) => void): () => void;
}

export function createSubscriptionManager(transport: SubscriptionTransport): SubscriptionManager {
  // Per filter: how many holders want each QoS level.
  const holders = new Map<string, [number, number, number]>();
  const subscribedAt = new Map<string, QoS>();
  const listeners = new Set<(filters: string[]) => void>();

  const effectiveQos = (counts: [number, number, number]): QoS =>
    counts[2] > 0 ? 2 : counts[1] > 0 ? 1 : 0;

  function sync(filter: string) {
    const counts = holders.get(filter);
    if (!counts) {
      if (subscribedAt.has(filter)) {
        subscribedAt.delete(filter);
        if (transport.isConnected()) transport.unsubscribe(filter);
      }
      return;
    }
    const qos = effectiveQos(counts);
    if (subscribedAt.get(filter) !== qos) {
      subscribedAt.set(filter, qos);
      if (transport.isConnected()) transport.subscribe(filter, qos);
    }
  }

  function notify() {
    const filters = [...holders.keys()];
    for (const l of listeners) l(filters);
  }

  return {
    acquire(filter, qos) {
      let counts = holders.get(filter);
      const isNew = !counts;
      if (!counts) holders.set(filter, (counts = [0, 0, 0]));
      counts[qos]++;
      sync(filter);
      if (isNew) notify();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const c = holders.get(filter);
        if (!c) return;
        c[qos]--;
        const gone = c[0] + c[1] + c[2] === 0;
        if (gone) holders.delete(filter);
        sync(filter);
        if (gone) notify();
      };
    },
    restore() {
      const answered = [...subscribedAt].map(
        ([filter, qos]) => new Promise<void>((done) => transport.subscribe(filter, qos, done)),
      );
      return Promise.all(answered).then(() => undefined);
    },
    active() {
      const out = new Map<string, { refs: number; qos: QoS }>();
      for (const [f, c] of holders) out.set(f, { refs: c[0] + c[1] + c[2], qos: effectiveQos(c) });
      return out;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
