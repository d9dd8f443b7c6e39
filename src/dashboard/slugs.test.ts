import { describe, expect, it } from 'vitest';
import {
  dashboardSegment,
  findDashboard,
  findPage,
  isSlug,
  pageSegment,
  pageSlugLists,
  SLUG_MAX,
  slugify,
  uniqueSlug,
  withSlugs,
} from './slugs';

describe('slugify', () => {
  it.each([
    ['Wohnzimmer', 'wohnzimmer'],
    ['Haus', 'haus'],
    ['Küche & Bad', 'kueche-bad'],
    ['Größe', 'groesse'],
    ['Straße', 'strasse'],
    ['ÄRGER ÖL ÜBER', 'aerger-oel-ueber'],
    ['Crème brûlée', 'creme-brulee'],
    ['Ku\u0308che', 'kueche'], // "ü" typed as u + combining diaeresis
    ['Øresund, Łódź, Æbeltoft', 'oresund-lodz-aebeltoft'],
    ['  --Erdgeschoss / Flur--  ', 'erdgeschoss-flur'],
    ['Zimmer 2', 'zimmer-2'],
    ['m²', 'm2'],
    ['🏠', ''],
    ['', ''],
  ])('%j → %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('is bounded and never ends in "-"', () => {
    const slug = slugify(`${'wort '.repeat(30)}ende`);
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX);
    expect(isSlug(slug)).toBe(true);
  });
});

describe('uniqueSlug', () => {
  it('gives the base, then -2, -3 where taken', () => {
    const taken = new Set<string>();
    const next = () => {
      const s = uniqueSlug('haus', (x) => taken.has(x));
      taken.add(s);
      return s;
    };
    expect([next(), next(), next()]).toEqual(['haus', 'haus-2', 'haus-3']);
  });

  it('shortens a long base so the suffix fits', () => {
    const base = 'a'.repeat(SLUG_MAX);
    const s = uniqueSlug(base, (x) => x === base);
    expect(s).toBe(`${'a'.repeat(SLUG_MAX - 2)}-2`);
    expect(isSlug(s)).toBe(true);
  });
});

const page = (id: string, title: string, slugs?: string[]) => ({
  id,
  title,
  ...(slugs ? { slugs } : {}),
});

describe('pageSlugLists (slugs derived where a page has none)', () => {
  it('makes unique slugs from the titles, in page order', () => {
    const pages = [page('p1', 'Küche'), page('p2', 'Küche'), page('p3', 'Bad'), page('p4', '🛁')];
    expect(pageSlugLists(pages)).toEqual([['kueche'], ['kueche-2'], ['bad'], ['page']]);
  });

  it('keeps stored slugs even where an earlier page would derive the same', () => {
    const pages = [page('p1', 'Stube'), page('p2', 'Neu', ['stube', 'alt'])];
    expect(pageSlugLists(pages)).toEqual([['stube-2'], ['stube', 'alt']]);
  });

  it('gives a later page a new slug when two claim the same, and drops invalid ones', () => {
    const pages = [page('p1', 'A', ['x']), page('p2', 'B', ['x', 'Not A Slug', 'y', 'y'])];
    expect(pageSlugLists(pages)).toEqual([['x'], ['b', 'y']]);
  });

  it('does not give a page a slug that is another page’s id', () => {
    expect(pageSlugLists([page('home', 'Start'), page('p2', 'Home')])).toEqual([
      ['start'],
      ['home-2'],
    ]);
  });
});

describe('withSlugs', () => {
  it('fills in what is missing and keeps a dashboard that is complete as the same object', () => {
    const d = { id: 'd', title: 'Haus', pages: [page('p', 'Wohnzimmer')] };
    const filled = withSlugs(d);
    expect(filled).toEqual({
      id: 'd',
      title: 'Haus',
      slugs: ['haus'],
      pages: [{ id: 'p', title: 'Wohnzimmer', slugs: ['wohnzimmer'] }],
    });
    expect(withSlugs(filled)).toBe(filled);
    // The same in every browser: nothing random in it.
    expect(withSlugs(d)).toEqual(filled);
  });
});

describe('finding what an address names', () => {
  const haus = { id: 'zz1', title: 'Haus', slugs: ['haus', 'wohnung'], pages: [] };
  const garten = { id: 'aa2', title: 'Garten', slugs: ['garten'], pages: [] };
  const all = [haus, garten];

  it('finds a dashboard by its slug, its id, an earlier slug, or a slug typed by hand', () => {
    expect(findDashboard(all, 'haus')).toBe(haus);
    expect(findDashboard(all, 'zz1')).toBe(haus);
    expect(findDashboard(all, 'wohnung')).toBe(haus);
    expect(findDashboard(all, 'Haus')).toBe(haus);
    expect(findDashboard(all, 'nichts')).toBeUndefined();
  });

  it('prefers a current slug to an id and to an earlier slug', () => {
    const renamed = { id: 'r', title: 'Neu', slugs: ['neu', 'garten'], pages: [] };
    const named = { id: 'haus', title: 'Keller', slugs: ['keller'], pages: [] };
    expect(findDashboard([renamed, garten], 'garten')).toBe(garten);
    expect(findDashboard([named, haus], 'haus')).toBe(haus);
  });

  it('picks the same of two dashboards with one slug in any order, and links the other by id', () => {
    const other = { id: 'bb3', title: 'Haus', slugs: ['haus'], pages: [] };
    expect(findDashboard([haus, other], 'haus')).toBe(other);
    expect(findDashboard([other, haus], 'haus')).toBe(other);
    expect(dashboardSegment([haus, other], other)).toBe('haus');
    expect(dashboardSegment([haus, other], haus)).toBe('zz1');
  });

  it('finds a page by slug, id or earlier slug, and gives its segment', () => {
    const d = {
      pages: [page('p1', 'Stube', ['stube', 'wohnzimmer']), page('p2', 'Küche', ['kueche'])],
    };
    expect(findPage(d, 'wohnzimmer')).toBe(d.pages[0]);
    expect(findPage(d, 'stube')).toBe(d.pages[0]);
    expect(findPage(d, 'p2')).toBe(d.pages[1]);
    expect(findPage(d, 'Küche')).toBe(d.pages[1]);
    expect(findPage(d, 'bad')).toBeUndefined();
    expect(pageSegment(d, d.pages[0]!)).toBe('stube');
  });

  it('gives addresses for dashboards and pages saved before slugs', () => {
    const d = { id: 'x', title: 'Keller', pages: [page('p1', 'Technik'), page('p2', 'Technik')] };
    expect(dashboardSegment([d], d)).toBe('keller');
    expect(findPage(d, 'technik-2')).toBe(d.pages[1]);
    expect(pageSegment(d, d.pages[1]!)).toBe('technik-2');
  });
});
