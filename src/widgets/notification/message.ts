import { parseNumberText, rawText, type DecodedPayload } from '@/mqtt/payload';
import type { LiveEntry } from '@/stores/live-store';
import { firstMatch } from '../kit/rules';
import { readValue, valueAsText } from '../kit/value';
import { MAX_MESSAGE_CHARS, type NotificationConfig } from './schema';

/**
 * The value at `path` as text for a message. When the path cannot be read (not JSON, nothing
 * there) the whole payload is used: a notification should still say something.
 */
export function valueText(p: DecodedPayload, path: string): string {
  if (p.text === null) return rawText(p);
  const r = readValue(p, path);
  if (!r.ok) return p.text;
  // Without a path, JSON other than a string is said as it was sent.
  return path.trim() === '' && typeof r.value !== 'string' ? p.text : valueAsText(r.value);
}

/** `{value}` and `{topic}` replaced; an empty template is the value. The result is plain text. */
export function renderMessage(template: string, value: string, topic: string): string {
  const text =
    template.trim() === ''
      ? value
      : template.replace(/\{\s*(value|topic)\s*\}/g, (_m, key: string) =>
          key === 'value' ? value : topic,
        );
  return text.length > MAX_MESSAGE_CHARS ? text.slice(0, MAX_MESSAGE_CHARS) + '…' : text;
}

/**
 * The notification a message gives, or null: empty payloads (a retained message being
 * cleared) and messages no rule matches give none.
 */
export function notificationFor(config: NotificationConfig, e: LiveEntry): string | null {
  if (e.payload.size === 0) return null;
  // Trimmed: `echo on | mosquitto_pub -s` sends a trailing newline that must not defeat `= on`.
  const value = valueText(e.payload, config.valuePath).trim();
  if (config.rules.length > 0) {
    if (firstMatch(config.rules, { text: value, number: parseNumberText(value) }) < 0) {
      return null;
    }
  }
  return renderMessage(config.template, value, e.topic);
}
