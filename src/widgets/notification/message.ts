import { parseValuePath, rawText, readValuePath, type DecodedPayload } from '@/mqtt/payload';
import type { LiveEntry } from '@/stores/live-store';
import { firstMatch } from '@/widgets/kit/rules';
import { MAX_MESSAGE_CHARS, type NotificationConfig } from './schema';

/**
 * The value at `path` as text for a message. When the path cannot be read (not JSON, nothing
 * there) the whole payload is used: a notification should still say something.
 */
export function valueText(p: DecodedPayload, path: string): string {
  if (p.text === null) return rawText(p);
  if (path.trim() === '' || parseValuePath(path) === null || p.json === undefined) {
    return typeof p.json === 'string' && path.trim() === '' ? p.json : p.text;
  }
  const v = readValuePath(p.json, path);
  if (v === undefined) return p.text;
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v);
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
    const n = value.trim() === '' ? NaN : Number(value);
    if (firstMatch(config.rules, { text: value, number: Number.isFinite(n) ? n : null }) < 0) {
      return null;
    }
  }
  return renderMessage(config.template, value, e.topic);
}
