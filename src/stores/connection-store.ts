import { create } from 'zustand';
import type { Message, Verbatim } from '@/i18n/message';
import type { ConnectionReport, ConnectionStatus } from '@/mqtt/connection';

export type { ConnectionStatus };

export interface ConnectionState {
  readonly status: ConnectionStatus;
  /** The broker URL in use (never with credentials). */
  readonly url: string;
  /** Reconnect attempt number while reconnecting (1, 2, …). */
  readonly attempt: number;
  /** The broker's or the network's reason for the last failure, if any. */
  readonly reason: Message | Verbatim | null;
  /**
   * A page that helps with the failure, e.g. the broker's https:// address to open once so the
   * browser trusts its self-signed certificate; null when there is none.
   */
  readonly help: { readonly text: Message; readonly href: string } | null;
  /** When the next reconnect attempt is due (ms since epoch), while reconnecting. */
  readonly retryAt: number | null;
  /** Since when the current status holds. */
  readonly since: number;
  /** When the connection was last lost (null while connected): what widgets go stale from. */
  readonly disconnectedAt: number | null;
}

/** Connection status: changes a few times a minute at most, so components may select freely. */
export const useConnectionStore = create<ConnectionState>()(() => ({
  status: 'connecting',
  url: '',
  attempt: 0,
  reason: null,
  help: null,
  retryAt: null,
  since: Date.now(),
  disconnectedAt: Date.now(),
}));

/**
 * Take a report from the connection: `since` moves only when the status changes (not on every
 * reconnect attempt), and `disconnectedAt` holds from the first lost moment until connected.
 */
export function reportConnection(report: ConnectionReport, now = Date.now()): void {
  useConnectionStore.setState((prev) => {
    const status = report.status ?? prev.status;
    return {
      ...report,
      since: report.status && report.status !== prev.status ? now : prev.since,
      disconnectedAt: status === 'connected' ? null : (prev.disconnectedAt ?? now),
    };
  });
}
