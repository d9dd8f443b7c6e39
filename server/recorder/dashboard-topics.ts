/**
 * What the recorder records without being told: the topics of every shared dashboard's
 * widgets, read from the retained sync messages as every browser reads them. The wire format
 * is the app's (src/sync/rules.ts): `<prefix><id>` holds
 * `{"format":"tafel-dashboard","schemaVersion":1,"dashboard":{…}}`, an empty payload or a
 * `<prefix><id>/deleted` tombstone removes it. Only the few fields that name topics are read;
 * a widget the app would refuse still has its topics recorded (harmless, and a config an
 * older server does not know still gets its history).
 */

/** A topic filter and the value paths widgets read from it ('' = the whole payload). */
export interface RecordedFilter {
  readonly filter: string;
  readonly paths: ReadonlySet<string>;
}

/** A dashboard larger than this is not read (the app refuses bigger documents too). */
export const MAX_DASHBOARD_BYTES = 2 * 1024 * 1024;
/**
 * Series (a filter, and each value path read from it) one dashboard may add; a hostile copy
 * with 10,000 widgets, or 10,000 value paths on one topic, adds no more.
 */
export const MAX_FILTERS_PER_DASHBOARD = 2000;
const MAX_TOPIC_LENGTH = 1024;

/** A filter MQTT would accept: `+`/`#` as whole levels, `#` last, no NUL. */
export function isValidFilter(filter: string): boolean {
  if (filter === '' || filter.length > MAX_TOPIC_LENGTH || filter.includes('\u0000')) return false;
  const levels = filter.split('/');
  return levels.every(
    (level, i) =>
      (level === '#' && i === levels.length - 1) ||
      level === '+' ||
      (!level.includes('+') && !level.includes('#')),
  );
}

export const isWildcard = (filter: string): boolean => /(^|\/)[+#](\/|$)/.test(filter);

/** Whether `topic` matches `filter` (MQTT rules; `$` topics only by a filter naming them). */
export function topicMatches(filter: string, topic: string): boolean {
  if (filter === topic) return true;
  if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) return false;
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length) return false;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

export interface DashboardFilters {
  readonly revision: number;
  readonly filters: Map<string, Set<string>>;
}

/** The filters of one dashboard message's text; null when it is no dashboard. */
export function filtersOfDashboard(text: string): DashboardFilters | null {
  if (text.length > MAX_DASHBOARD_BYTES) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const envelope = raw as {
    format?: unknown;
    dashboard?: { pages?: unknown; revision?: unknown } | null;
  } | null;
  if (!envelope || envelope.format !== 'tafel-dashboard') return null;
  // No dashboard in it at all (`"dashboard": null`, no pages): the app refuses the message and
  // keeps the copy it had, and so does the recorder.
  const dashboard = envelope.dashboard;
  if (!dashboard || typeof dashboard !== 'object' || !Array.isArray(dashboard.pages)) return null;
  const revision = dashboard.revision;
  const found = new Map<string, Set<string>>();
  let series = 0;
  const add = (topic: unknown, path: unknown) => {
    const filter = str(topic);
    if (!isValidFilter(filter)) return;
    let paths = found.get(filter);
    if (!paths) {
      if (series >= MAX_FILTERS_PER_DASHBOARD) return;
      found.set(filter, (paths = new Set([''])));
      series++;
    }
    const p = str(path);
    if (p !== '' && p.length <= 200 && !paths.has(p) && series < MAX_FILTERS_PER_DASHBOARD) {
      paths.add(p);
      series++;
    }
  };
  for (const page of dashboard.pages as unknown[]) {
    const groups = (page as { groups?: unknown })?.groups;
    for (const group of Array.isArray(groups) ? groups : []) {
      const widgets = (group as { widgets?: unknown })?.widgets;
      for (const widget of Array.isArray(widgets) ? widgets : []) {
        const config = (widget as { config?: unknown })?.config as
          Record<string, unknown> | undefined;
        if (!config || typeof config !== 'object') continue;
        add(config.topic, config.valuePath);
        add(config.stateTopic, config.valuePath);
        if (Array.isArray(config.series)) {
          for (const s of config.series as Array<Record<string, unknown> | null>) {
            add(s?.topic, s?.valuePath);
          }
        }
      }
    }
  }
  return { revision: typeof revision === 'number' ? revision : 0, filters: found };
}

/** Which dashboard a topic under `prefix` is about (as the app's parseSyncTopic). */
export function syncTopicId(
  prefix: string,
  topic: string,
): { id: string; kind: 'dashboard' | 'tombstone' } | null {
  if (!topic.startsWith(prefix)) return null;
  const rest = topic.slice(prefix.length);
  const slash = rest.indexOf('/');
  const ok = (id: string) => id !== '' && !/[/+#]/.test(id) && !id.includes('\u0000');
  if (slash < 0) return ok(rest) ? { id: rest, kind: 'dashboard' } : null;
  const id = rest.slice(0, slash);
  return rest.slice(slash) === '/deleted' && ok(id) ? { id, kind: 'tombstone' } : null;
}

/**
 * The filters of every dashboard seen under the sync prefix, plus the extra ones configured
 * (RECORD_TOPICS). `take` is fed every message under the prefix; `filters()` is the union.
 * `#` alone is never recorded from a dashboard: a topic explorer widget on `#` must not turn
 * the recorder into a copy of the whole broker (RECORD_TOPICS may still say `#`).
 */
export class DashboardTopics {
  private readonly copies = new Map<string, DashboardFilters>();
  /** Tombstones' revisions: a copy at or below one is deleted (the app's rule). */
  private readonly tombstones = new Map<string, number>();
  private cached: RecordedFilter[] | null = null;

  constructor(
    readonly prefix: string,
    private readonly extra: readonly string[] = [],
  ) {}

  /** A message under the prefix; true when the recorded filters changed. */
  take(topic: string, payload: Uint8Array): boolean {
    const which = syncTopicId(this.prefix, topic);
    if (!which) return false;
    const text = Buffer.from(payload).toString('utf8');
    const before = this.signature();
    if (which.kind === 'tombstone') {
      if (payload.length === 0) this.tombstones.delete(which.id);
      else {
        const revision = tombstoneRevision(text);
        // No tombstone (garbage, a bad revision): the deletion known stays, as in the app.
        if (revision === null) return false;
        this.tombstones.set(which.id, revision);
      }
    } else if (payload.length === 0) {
      this.copies.delete(which.id);
    } else {
      const copy = filtersOfDashboard(text);
      if (!copy) return false; // a stray message: keep what the dashboard had
      for (const f of copy.filters.keys()) {
        if (f === '#' || f.startsWith(this.prefix)) copy.filters.delete(f);
      }
      this.copies.set(which.id, copy);
    }
    this.cached = null;
    return this.signature() !== before;
  }

  /** Dashboards whose widgets are recorded. */
  get dashboards(): number {
    let n = 0;
    for (const id of this.copies.keys()) if (this.live(id)) n++;
    return n;
  }

  private live(id: string): boolean {
    const copy = this.copies.get(id);
    const dead = this.tombstones.get(id);
    return copy !== undefined && (dead === undefined || copy.revision > dead);
  }

  private signature(): string {
    return this.filters()
      .map((f) => `${f.filter}\u0000${[...f.paths].sort().join('\u0000')}`)
      .join('\n');
  }

  /** Every recorded filter with the union of its value paths, sorted by filter. */
  filters(): readonly RecordedFilter[] {
    if (this.cached) return this.cached;
    const all = new Map<string, Set<string>>();
    const add = (filter: string, paths: Iterable<string>) => {
      let set = all.get(filter);
      if (!set) all.set(filter, (set = new Set()));
      for (const p of paths) set.add(p);
    };
    for (const f of this.extra) add(f, ['']);
    for (const [id, copy] of this.copies) {
      if (!this.live(id)) continue;
      for (const [filter, paths] of copy.filters) add(filter, paths);
    }
    this.cached = [...all]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([filter, paths]) => ({ filter, paths }));
    return this.cached;
  }
}

function tombstoneRevision(text: string): number | null {
  try {
    const r = (JSON.parse(text) as { revision?: unknown } | null)?.revision;
    return typeof r === 'number' && Number.isInteger(r) && r >= 0 ? r : null;
  } catch {
    return null;
  }
}
