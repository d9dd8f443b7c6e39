/**
 * MQTT topic names and filters (MQTT 3.1.1 §4.7), as pure functions.
 * Used on the live path for every message that a wildcard subscription delivers, so no
 * allocation beyond one split per call.
 */

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

/** Why a topic cannot be published to, or null when it can. */
export function publishTopicError(topic: string): string | null {
  if (topic.length === 0) return 'A topic cannot be empty.';
  if (topic.includes('+') || topic.includes('#')) return 'A publish topic cannot contain + or #.';
  if (topic.includes('\u0000')) return 'A topic cannot contain the null character.';
  if (new TextEncoder().encode(topic).length > 65535) return 'A topic is at most 65535 bytes.';
  return null;
}

/** Why a filter cannot be subscribed to, or null when it can. */
export function filterError(filter: string): string | null {
  if (filter.length === 0) return 'A topic filter cannot be empty.';
  if (filter.includes('\u0000')) return 'A topic filter cannot contain the null character.';
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] ?? '';
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) {
      return '# must be a whole level, and the last one.';
    }
    if (level.includes('+') && level !== '+') return '+ must be a whole level.';
  }
  return null;
}
