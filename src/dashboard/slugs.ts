/**
 * Readable addresses for dashboards and pages: `/d/haus/wohnzimmer` instead of random ids.
 *
 * A slug is made from the title ({@link slugify}) and stored with the dashboard or page
 * (`slugs`: the current one first, then earlier ones, newest first), so that it travels with
 * the document through storage, export and the broker sync, and every browser shows the same
 * address. Renaming adds a new slug in front and keeps the old ones, so an address a tablet
 * was pointed at keeps working. Ids stay the identity: nothing keys on slugs but addresses.
 *
 * This module knows only the shape it needs (no import of schema.ts, which uses it).
 */

/** The longest slug, suffix included: enough for a title of a few words, short enough to type. */
export const SLUG_MAX = 48;
/** How many slugs one dashboard or page keeps: its current one and the latest earlier ones. */
export const SLUGS_KEPT = 20;

const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Letters that Unicode does not decompose into a base letter and a mark. */
const LETTERS: Readonly<Record<string, string>> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/** Something with an address: a dashboard or a page. */
export interface Addressable {
  readonly id: string;
  readonly title: string;
  readonly slugs?: readonly string[] | undefined;
}

/** What a slug is: lower-case ASCII letters and digits, in words joined by single "-". */
export function isSlug(value: unknown): value is string {
  return typeof value === 'string' && value.length <= SLUG_MAX && SLUG_RE.test(value);
}

/**
 * The slug of a title: lower case; German umlauts as ae, oe, ue and ß as ss (as Germans write
 * them without umlauts); other accents dropped; anything else that is not a letter or digit
 * becomes "-"; at most {@link SLUG_MAX} characters. "" when nothing is left ("🏠").
 */
export function slugify(title: string): string {
  return title
    .normalize('NFC') // "a" + combining diaeresis is "ä" too
    .toLowerCase()
    .replace(/[äöüßæœøłđðþı]/g, (c) => LETTERS[c] ?? c)
    .normalize('NFKD') // é → e + accent, ² → 2, ﬁ → fi
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/, '');
}

/** The slug of a title, or `fallback` ("page", "dashboard") for a title without letters. */
export const slugOf = (title: string, fallback: string): string => slugify(title) || fallback;

/**
 * `base`, or `base-2`, `base-3`, … : the first one that is not `taken`. The base is shortened
 * to leave room for the suffix.
 */
export function uniqueSlug(base: string, taken: (slug: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = numbered(base, n);
    if (!taken(candidate)) return candidate;
  }
}

function numbered(base: string, n: number): string {
  const suffix = `-${n}`;
  return `${base.slice(0, SLUG_MAX - suffix.length).replace(/-+$/, '')}${suffix}`;
}

/** Valid, distinct, at most SLUGS_KEPT: what is kept of a stored list (it may be hand-made). */
function cleanList(slugs: readonly unknown[] | undefined): string[] {
  const out: string[] = [];
  for (const s of slugs ?? []) {
    if (isSlug(s) && !out.includes(s)) out.push(s);
    if (out.length === SLUGS_KEPT) break;
  }
  return out;
}

/** `next` as the current slug, the earlier ones after it (renaming back moves one to the front). */
export function withCurrent(slugs: readonly string[], next: string): string[] {
  return [next, ...slugs.filter((s) => s !== next)].slice(0, SLUGS_KEPT);
}

/**
 * Every page's slugs, in page order, with a current slug that no other page of the dashboard
 * has: stored ones are kept (the first page to claim a slug keeps it), and a page without one
 * gets one from its title, with "-2", "-3" where taken. A pure function of the pages, so every
 * browser derives the same slugs for a dashboard saved without them.
 */
export function pageSlugLists(pages: readonly Addressable[]): string[][] {
  const claimed = new Set<string>();
  const lists = pages.map((p) => {
    const list = cleanList(p.slugs);
    const current = list[0];
    if (current === undefined || claimed.has(current)) return null;
    claimed.add(current);
    return list;
  });
  const ids = new Set(pages.map((p) => p.id));
  return pages.map((p, i) => {
    const kept = lists[i];
    if (kept) return kept;
    const next = uniqueSlug(
      slugOf(p.title, 'page'),
      (s) => claimed.has(s) || (s !== p.id && ids.has(s)),
    );
    claimed.add(next);
    // A current slug that an earlier page has is that page's address, not this one's.
    return withCurrent(cleanList(p.slugs).slice(1), next);
  });
}

/** A dashboard's own slugs as stored, or one from its title when it has none. */
export function dashboardSlugList(d: Addressable): string[] {
  const list = cleanList(d.slugs);
  return list.length > 0 ? list : [slugOf(d.title, 'dashboard')];
}

const sameList = (a: readonly string[] | undefined, b: readonly string[]) =>
  a !== undefined && a.length === b.length && a.every((s, i) => s === b[i]);

/**
 * The dashboard with every slug in place (what the schema gives on reading). Derived from
 * titles where absent, so documents from before slugs, and copies from a Tafel that drops
 * them, get the same slugs in every browser. Objects that are already right are kept.
 */
export function withSlugs<P extends Addressable, D extends Addressable & { pages: P[] }>(d: D): D {
  const lists = pageSlugLists(d.pages);
  let pagesChanged = false;
  const pages = d.pages.map((p, i) => {
    const list = lists[i]!;
    if (sameList(p.slugs, list)) return p;
    pagesChanged = true;
    return { ...p, slugs: list };
  });
  const own = dashboardSlugList(d);
  if (!pagesChanged && sameList(d.slugs, own)) return d;
  return { ...d, slugs: own, pages: pagesChanged ? pages : d.pages };
}

// Finding what an address names

/**
 * Which of `items` `segment` names, given each item's slugs (`lists[i]`, current first). In
 * this order, so that an address given out is never taken over by an older one:
 *   1. an item whose current slug it is;
 *   2. an item whose id it is (addresses from before slugs, bookmarks);
 *   3. an item that had it as a slug before (renamed since), the latest rename first;
 *   4. 1 and 3 for the slug of the segment, for addresses typed by hand ("Küche" → "kueche").
 * Where several items qualify (two devices made the same slug), `prefer` picks one, so that
 * every browser picks the same.
 */
function find<T extends Addressable>(
  items: readonly T[],
  lists: readonly (readonly string[])[],
  segment: string,
  prefer: (candidates: T[]) => T | undefined,
): T | undefined {
  const byCurrent = (s: string) => prefer(items.filter((_x, i) => lists[i]![0] === s));
  const byEarlier = (s: string) => {
    const at = items.map((_x, i) => lists[i]!.indexOf(s));
    const best = Math.min(...at.filter((n) => n > 0));
    return prefer(items.filter((_x, i) => at[i] === best));
  };
  const found = byCurrent(segment) ?? items.find((x) => x.id === segment) ?? byEarlier(segment);
  if (found) return found;
  const typed = slugify(segment);
  return typed && typed !== segment ? (byCurrent(typed) ?? byEarlier(typed)) : undefined;
}

const lowestId = <T extends Addressable>(candidates: T[]): T | undefined =>
  candidates.reduce<T | undefined>((a, b) => (a === undefined || b.id < a.id ? b : a), undefined);

/** The dashboard an address's first segment names (a slug, an earlier slug, or an id). */
export function findDashboard<D extends Addressable>(
  dashboards: readonly D[],
  segment: string,
): D | undefined {
  // By id, not by list order: browsers hold the same dashboards in different orders.
  return find(dashboards, dashboards.map(dashboardSlugList), segment, lowestId);
}

/** The page of `dashboard` an address's second segment names. */
export function findPage<P extends Addressable>(
  dashboard: { readonly pages: readonly P[] },
  segment: string,
): P | undefined {
  // The dashboard's page order is the same in every browser.
  return find(dashboard.pages, pageSlugLists(dashboard.pages), segment, (c) => c[0]);
}

/**
 * The segment to put in an address for `dashboard`: its current slug, or its id where that
 * slug leads elsewhere (two dashboards given the same slug on two devices).
 */
export function dashboardSegment<D extends Addressable>(
  dashboards: readonly D[],
  dashboard: D,
): string {
  const slug = dashboardSlugList(dashboard)[0]!;
  return findDashboard(dashboards, slug)?.id === dashboard.id ? slug : dashboard.id;
}

/** The segment to put in an address for `page` of `dashboard`. */
export function pageSegment<P extends Addressable>(
  dashboard: { readonly pages: readonly P[] },
  page: P,
): string {
  const i = dashboard.pages.indexOf(page);
  const slug = i < 0 ? undefined : pageSlugLists(dashboard.pages)[i]![0];
  return slug !== undefined && findPage(dashboard, slug)?.id === page.id ? slug : page.id;
}

// Giving out slugs (operations.ts)

/** Slugs in use by `others`: their current slugs and their ids (an id must keep naming its item). */
function takenBy(others: readonly Addressable[]): Set<string> {
  return new Set(others.flatMap((x) => [x.slugs?.[0] ?? '', x.id]));
}

/**
 * The slugs of an item renamed to `title`: a new current slug from the title, unused by
 * `others` (given with their slugs in place), with the earlier ones kept behind it. A title
 * that still gives the current slug ("Haus" → "Haus!") keeps it, and the list is `own` itself.
 */
export function renamedSlugs(
  others: readonly Addressable[],
  own: readonly string[],
  title: string,
  fallback: string,
): readonly string[] {
  const taken = takenBy(others);
  const base = slugOf(title, fallback);
  const current = own[0];
  if (current !== undefined && !taken.has(current) && sameBase(current, base)) return own;
  return withCurrent(
    own,
    uniqueSlug(base, (s) => taken.has(s)),
  );
}

/**
 * The slugs of an item that comes in among `others` (new, copied, imported): its own as they
 * are when its current slug is free, else a free one from its title in front of them.
 */
export function claimedSlugs(
  others: readonly Addressable[],
  own: readonly string[],
  title: string,
  fallback: string,
): readonly string[] {
  const taken = takenBy(others);
  const current = own[0];
  if (current !== undefined && !taken.has(current)) return own;
  return withCurrent(
    own.slice(1),
    uniqueSlug(slugOf(title, fallback), (s) => taken.has(s)),
  );
}

/** Whether `slug` is `base`, or `base-<n>` as uniqueSlug makes it. */
function sameBase(slug: string, base: string): boolean {
  if (slug === base) return true;
  const n = Number(/-(\d+)$/.exec(slug)?.[1]);
  return n >= 2 && numbered(base, n) === slug;
}
