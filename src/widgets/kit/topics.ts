/**
 * The topics a widget's config names (publish, state, series), whatever its type: for the
 * "No topic set" state and the import report. Empty = the widget talks to nothing yet.
 */
export function configuredTopics(config: unknown): string[] {
  if (typeof config !== 'object' || config === null) return [];
  const c = config as { topic?: unknown; stateTopic?: unknown; series?: unknown };
  const topics = [c.topic, c.stateTopic];
  if (Array.isArray(c.series)) {
    for (const s of c.series as Array<{ topic?: unknown }>) topics.push(s?.topic);
  }
  return topics.filter((t): t is string => typeof t === 'string' && t.trim() !== '');
}
