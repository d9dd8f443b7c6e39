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
