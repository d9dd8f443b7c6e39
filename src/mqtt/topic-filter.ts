/**
 * MQTT topic names and filters (MQTT 3.1.1 §4.7), as pure functions.
 * Used on the live path for every message that a wildcard subscription delivers, so no
 * allocation beyond one split per call.
 */

import type { TKey } from '@/i18n/i18n';
import { key } from '@/i18n/words';

/** True when `filter` contains `+` or `#`. */
export function isWildcard(filter: string): boolean {
  return filter.includes('+') || filter.includes('#');
}

/**
 * Does `topic` match `filter`? `+` matches exactly one level, `#` (last level only) matches
 * the parent level and everything below it. Topics starting with `$` (e.g. `$SYS/…`) are not
 * matched by a filter whose first level is a wildcard, as the spec requires.
 */
export function topicMatches(filter: string, topic: string): boolean {
  if (filter === topic) return true;
  if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) return false;
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    const level = f[i];
    if (level === '#') return i === f.length - 1;
    if (i >= t.length) return false;
    if (level !== '+' && level !== t[i]) return false;
  }
  return f.length === t.length;
}

/**
 * Why a topic cannot be published to (a key, said in the language on screen: it is also a
 * zod issue's message), or null when it can.
 */
export function publishTopicError(topic: string): TKey | null {
  if (topic.length === 0) return key('common:topic.empty');
  if (topic.includes('+') || topic.includes('#')) return key('common:topic.publishWildcard');
  if (topic.includes('\u0000')) return key('common:topic.nul');
  if (new TextEncoder().encode(topic).length > 65535) return key('common:topic.tooLong');
  return null;
}

/** Why a filter cannot be subscribed to (a key), or null when it can. */
export function filterError(filter: string): TKey | null {
  if (filter.length === 0) return key('common:topic.filterEmpty');
  if (filter.includes('\u0000')) return key('common:topic.filterNul');
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] ?? '';
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) {
      return key('common:topic.hashLevel');
    }
    if (level.includes('+') && level !== '+') return key('common:topic.plusLevel');
  }
  return null;
}
