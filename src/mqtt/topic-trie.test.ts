import { describe, expect, it } from 'vitest';
import { topicMatches } from './topic-filter';
import { TopicTrie } from './topic-trie';

const matched = (trie: TopicTrie<string>, topic: string) => {
  const out: string[] = [];
  trie.forEachMatch(topic, (f) => out.push(f));
  return out.sort();
};

// Levels that make the cases that matter: empty levels, `$` topics, one and many levels.
const LEVELS = ['a', 'b', '', '$SYS', 'x y'];

function* topics(depth: number, prefix: string[] = []): Generator<string> {
  if (prefix.length > 0) yield prefix.join('/');
  if (depth === 0) return;
  for (const l of LEVELS) yield* topics(depth - 1, [...prefix, l]);
}

function* filters(depth: number, prefix: string[] = []): Generator<string> {
  if (prefix.length > 0) yield prefix.join('/');
  if (depth === 0) return;
  yield [...prefix, '#'].join('/');
  for (const l of [...LEVELS, '+']) yield* filters(depth - 1, [...prefix, l]);
}

describe('the topic trie', () => {
  it('gives the same answers as topicMatches on every generated filter and topic', () => {
    const allFilters = [...new Set(filters(3))];
    const allTopics = [...new Set(topics(3))];
    const trie = new TopicTrie<string>();
    for (const f of allFilters) trie.add(f, f);
    expect(trie.size).toBe(allFilters.length);
    let compared = 0;
    for (const topic of allTopics) {
      const expected = allFilters.filter((f) => topicMatches(f, topic)).sort();
      expect(matched(trie, topic), topic).toEqual(expected);
      compared += allFilters.length;
    }
    expect(compared).toBeGreaterThan(40_000);
  });

  it('keeps the $ rule: #, +/… do not match $SYS topics; $SYS/# does', () => {
    const trie = new TopicTrie<string>();
    for (const f of ['#', '+/broker/uptime', '$SYS/#', '$SYS/+/uptime']) trie.add(f, f);
    expect(matched(trie, '$SYS/broker/uptime')).toEqual(['$SYS/#', '$SYS/+/uptime']);
    expect(matched(trie, 'home/broker/uptime')).toEqual(['#', '+/broker/uptime']);
  });

  it('a/# matches a itself; + matches one level, an empty one too', () => {
    const trie = new TopicTrie<string>();
    for (const f of ['a/#', 'a/+', '+/+']) trie.add(f, f);
    expect(matched(trie, 'a')).toEqual(['a/#']);
    expect(matched(trie, 'a/')).toEqual(['+/+', 'a/#', 'a/+']);
    expect(matched(trie, 'a/b/c')).toEqual(['a/#']);
  });

  it('forgets what is removed, and prunes its branch', () => {
    const trie = new TopicTrie<string>();
    trie.add('a/+/c', 'one');
    trie.add('a/+/c', 'two');
    trie.add('a/#', 'three');
    trie.remove('a/+/c', 'one');
    expect(matched(trie, 'a/b/c')).toEqual(['three', 'two']);
    trie.remove('a/+/c', 'two');
    trie.remove('a/+/c', 'never added');
    trie.remove('x/y', 'never added');
    expect(matched(trie, 'a/b/c')).toEqual(['three']);
    expect(trie.size).toBe(1);
    trie.remove('a/#', 'three');
    expect(trie.size).toBe(0);
    expect(trie.matches('a/b/c')).toBe(false);
    // Nothing is left behind: the root has no branches.
    expect(
      (trie as unknown as { root: { children: Map<string, unknown> } }).root.children.size,
    ).toBe(0);
  });
});
