/**
 * The one message protocol between the page and the live worker (live-worker.ts). The page
 * asks (connect, publish, subscribe, listen, tap, keep history); the worker reports (status,
 * one batch of values per frame, the messages a listener hears, publish results).
 * Everything in it is structured-cloneable; ids pair a request with its answers.
 */
import type { ConnectionReport, PublishOptions } from './connection';
import type { LiveEntry } from './ingest';
import type { BrokerSettings } from './settings';
import type { QoS } from './subscriptions';

export type ToWorker =
  | { readonly type: 'connect'; readonly url: string; readonly settings: BrokerSettings }
  | { readonly type: 'reconnect-now' }
  | { readonly type: 'topics'; readonly id: number }
  | {
      readonly type: 'publish';
      readonly id: number;
      readonly topic: string;
      readonly payload: string | Uint8Array;
      readonly options: PublishOptions;
    }
  | { readonly type: 'acquire'; readonly id: number; readonly filter: string; readonly qos: QoS }
  | { readonly type: 'keep-history'; readonly id: number; readonly filter: string }
  | {
      readonly type: 'listen';
      readonly id: number;
      readonly filter: string;
      readonly exclusive: boolean;
    }
  | { readonly type: 'tap'; readonly id: number; readonly filter: string; readonly replay: boolean }
  /** Ends what `id` started: an acquire, a kept history, a listen or a tap. */
  | { readonly type: 'release'; readonly id: number }
  /** What the page knows and the worker cannot: whether it is hidden, and the network. */
  | { readonly type: 'page'; readonly hidden: boolean; readonly online: boolean }
  | { readonly type: 'close' };

export type FromWorker =
  /** The worker runs (its module loaded): from now on the page relies on it. */
  | { readonly type: 'ready' }
  | { readonly type: 'status'; readonly report: ConnectionReport }
  /**
   * Once per frame at most: the latest entry per subscribed filter (exact topics and
   * wildcard filters: the keys widgets read), the keys forgotten, and for each tap every
   * entry it heard since the last batch, in order. Concrete topics heard only under a
   * wildcard stay in the worker: the page asks for their names (`topics`) when it needs them.
   */
  | {
      readonly type: 'batch';
      readonly changes: ReadonlyArray<readonly [string, LiveEntry]>;
      readonly forgotten: readonly string[];
      readonly taps: ReadonlyArray<readonly [number, readonly LiveEntry[]]>;
    }
  /** A message for a listener, at once and in order (the sync must see each document). */
  | {
      readonly type: 'message';
      readonly id: number;
      readonly topic: string;
      readonly payload: Uint8Array;
      readonly retained: boolean;
    }
  | { readonly type: 'subscribed'; readonly filter: string; readonly granted: boolean }
  | { readonly type: 'published'; readonly id: number; readonly error: string | null }
  | { readonly type: 'topics'; readonly id: number; readonly topics: readonly string[] }
  | { readonly type: 'closed' };
