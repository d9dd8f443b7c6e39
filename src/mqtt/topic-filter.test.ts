import { describe, expect, it } from 'vitest';
import { filterError, publishTopicError, topicMatches } from './topic-filter';
import { t, type TKey } from '@/i18n/i18n';

describe('topicMatches', () => {
  it.each([
    ['a/b/c', 'a/b/c', true],
    ['a/b/c', 'a/b', false],
    ['a/+/c', 'a/b/c', true],
    ['a/+/c', 'a/b/d', false],
    ['a/+', 'a/b/c', false],
    ['+/+', 'a/b', true],
    ['+', '/a', false], // an empty first level is a level: '/a' has two
    ['+/a', '/a', true],
    ['a/#', 'a', true], // '#' includes the parent level
    ['a/#', 'a/b/c/d', true],
    ['a/#', 'ab/c', false],
    ['#', 'anything/at/all', true],
    ['Erdgeschoss/+/temp', 'Erdgeschoss/Wohnzimmer/temp', true],
    ['Erdgeschoss/+/temp', 'Erdgeschoss/Wohnzimmer/humidity', false],
    ['a/b', 'a/b/', false],
  ])('%s matches %s: %s', (filter, topic, expected) => {
    expect(topicMatches(filter, topic)).toBe(expected);
  });

  it('does not match $-topics with a leading wildcard', () => {
    expect(topicMatches('#', '$SYS/broker/uptime')).toBe(false);
    expect(topicMatches('+/broker/uptime', '$SYS/broker/uptime')).toBe(false);
    expect(topicMatches('$SYS/#', '$SYS/broker/uptime')).toBe(true);
    expect(topicMatches('$SYS/+/uptime', '$SYS/broker/uptime')).toBe(true);
  });
});

/** A reason in words (English: tests run in English). */
const said = (k: TKey | null) => (k === null ? null : t(k));

describe('topic validation', () => {
  it('refuses wildcards and empty publish topics', () => {
    expect(publishTopicError('a/b')).toBeNull();
    expect(said(publishTopicError(''))).toMatch(/empty/);
    expect(said(publishTopicError('a/+'))).toMatch(/\+ or #/);
    expect(said(publishTopicError('a/#'))).toMatch(/\+ or #/);
  });

  it('accepts wildcards only as whole levels in filters', () => {
    expect(filterError('a/+/c')).toBeNull();
    expect(filterError('a/#')).toBeNull();
    expect(filterError('#')).toBeNull();
    expect(said(filterError('a/#/c'))).toMatch(/last/);
    expect(said(filterError('a/b#'))).toMatch(/whole level/);
    expect(said(filterError('a/b+'))).toMatch(/whole level/);
    expect(said(filterError(''))).toMatch(/empty/);
  });
});
