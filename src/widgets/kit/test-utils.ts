import { say, type Message } from '@/i18n/message';
import { decodePayload } from '@/mqtt/payload';
import type { LiveEntry } from '@/stores/live-store';

/** A live entry as the ingest would make it from `payload`. */
export function entry(
  payload: string | Uint8Array,
  topic = 't',
  receivedAt = Date.now(),
): LiveEntry {
  const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
  return { topic, payload: decodePayload(bytes), receivedAt, retained: false };
}

/** A reading (or state) with its reason said in words, for comparing with expected text. */
export function spoken<T extends object>(x: T): T | (Omit<T, 'reason'> & { reason: string }) {
  if (!('reason' in x)) return x;
  return { ...x, reason: say(x.reason as Message) };
}
