import { msg, type Message } from '@/i18n/message';
import type { DecodedPayload } from '@/mqtt/payload';
import { encodeTyped, expectedAt, sameValue } from '../kit/typed-payload';
import { readValue } from '../kit/value';
import type { SwitchConfig } from './schema';

/** What a state message says about the switch. */
export type SwitchState =
  | { readonly kind: 'on' }
  | { readonly kind: 'off' }
  /** Neither the on nor the off payload, or unreadable: the raw text stays available. */
  | { readonly kind: 'unknown'; readonly reason: Message; readonly raw: string };

type PayloadConfig = Pick<
  SwitchConfig,
  'onPayload' | 'onType' | 'offPayload' | 'offType' | 'valuePath'
>;

/**
 * Match a state message against the on and off payloads, by value (see `sameValue`),
 * through the value path. On is checked first.
 */
export function readSwitchState(p: DecodedPayload, c: PayloadConfig): SwitchState {
  const incoming = readValue(p, c.valuePath);
  if (!incoming.ok) return { kind: 'unknown', reason: incoming.reason, raw: incoming.raw };
  const on = encodeTyped(c.onPayload, c.onType);
  const off = encodeTyped(c.offPayload, c.offType);
  if (on.ok && sameValue(incoming.value, expectedAt(on.value, c.valuePath))) return { kind: 'on' };
  if (off.ok && sameValue(incoming.value, expectedAt(off.value, c.valuePath))) {
    return { kind: 'off' };
  }
  return { kind: 'unknown', reason: msg('widgets:switch.neither'), raw: p.text ?? '' };
}
