/**
 * Subscription filters in a tree keyed by topic level, `+` and `#` as branches of their own:
 * one walk per message finds every filter that matches its topic, however many filters there
 * are (matching each filter in turn split both strings for every filter on every message).
 *
 * Hand-written, on purpose: qlobber (what aedes uses) requires Node's `util` and `stream` at
 * load, which a browser build does not have. The answers are those of `topicMatches`
 * (MQTT 3.1.1 §4.7, the `$` rule included); `topic-trie.test.ts` compares the two on a
 * generated table.
 */

interface Node<V> {
  readonly children: Map<string, Node<V>>;
  /** Values of filters that end at this node. */
  values: Set<V> | null;
}

const node = <V>(): Node<V> => ({ children: new Map(), values: null });

export class TopicTrie<V> {
  private readonly root: Node<V> = node();
  private count = 0;

  /** How many (filter, value) pairs are held. */
  get size(): number {
    return this.count;
  }

  add(filter: string, value: V): void {
    let at = this.root;
    for (const level of filter.split('/')) {
      let next = at.children.get(level);
      if (!next) at.children.set(level, (next = node()));
      at = next;
    }
    at.values ??= new Set();
    if (!at.values.has(value)) {
      at.values.add(value);
      this.count++;
    }
  }

  remove(filter: string, value: V): void {
    const levels = filter.split('/');
    const path: Node<V>[] = [this.root];
    for (const level of levels) {
      const next = path[path.length - 1]!.children.get(level);
      if (!next) return;
      path.push(next);
    }
    const end = path[path.length - 1]!;
    if (!end.values?.delete(value)) return;
    this.count--;
    if (end.values.size === 0) end.values = null;
    // Prune the branches nothing ends in any more.
    for (let i = levels.length; i > 0; i--) {
      const n = path[i]!;
      if (n.values || n.children.size > 0) break;
      path[i - 1]!.children.delete(levels[i - 1]!);
    }
  }

  clear(): void {
    this.root.children.clear();
    this.root.values = null;
    this.count = 0;
  }

  /** Calls `visit` once for each value whose filter matches `topic`. */
  forEachMatch(topic: string, visit: (value: V) => void): void {
    if (this.count === 0) return;
    const levels = topic.split('/');
    // A `$` topic ($SYS/…) is not matched by a filter that starts with a wildcard.
    const system = topic.startsWith('$');
    const walk = (at: Node<V>, i: number) => {
      const wild = !(system && i === 0);
      // `a/#` matches `a` itself and everything below it.
      if (wild) at.children.get('#')?.values?.forEach(visit);
      if (i === levels.length) {
        at.values?.forEach(visit);
        return;
      }
      const level = levels[i]!;
      // (A topic is never `+` or `#`; were one, its wildcard branch below stands for it.)
      const exact = level === '+' || level === '#' ? undefined : at.children.get(level);
      if (exact) walk(exact, i + 1);
      if (wild) {
        const one = at.children.get('+');
        if (one) walk(one, i + 1);
      }
    };
    walk(this.root, 0);
  }

  /** Whether any filter matches `topic`. */
  matches(topic: string): boolean {
    let found = false;
    this.forEachMatch(topic, () => (found = true));
    return found;
  }
}
