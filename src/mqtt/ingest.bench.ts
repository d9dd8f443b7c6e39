import { bench, describe } from 'vitest';
import { createIngest, type LiveEntry } from './ingest';

// The live path without a browser: decode, history, pending map and one store update per
// "frame" of 1000 messages. `npm run bench` prints the rates.
const payloads = Array.from({ length: 100 }, (_, i) =>
  new TextEncoder().encode(i % 2 ? String(20 + i / 10) : JSON.stringify({ temp: i, hum: 40 })),
);

function run(messages: number, topics: number, perFrame: number, wildcardFilters = 0) {
  const frames: Array<() => void> = [];
  // What the app's live store does with each batch: a new object of every entry.
  let state: Record<string, LiveEntry> = {};
  const ingest = createIngest({
    schedule: (f) => frames.push(f),
    sink: {
      write(changes) {
        state = { ...state };
        for (const [k, e] of changes) state[k] = e;
      },
    },
  });
  // Widgets on wildcard filters: `bench/<n>/+` covers the topics `bench/<n>/<m>`.
  const perFilter = Math.max(1, Math.ceil(topics / Math.max(1, wildcardFilters)));
  const topicOf = (i: number) =>
    wildcardFilters > 0
      ? `bench/${Math.floor((i % topics) / perFilter)}/${i % topics}`
      : `bench/${i % topics}`;
  if (wildcardFilters > 0)
    ingest.setFilters(Array.from({ length: wildcardFilters }, (_, n) => `bench/${n}/+`));
  for (let i = 0; i < messages; i++) {
    ingest.handle(topicOf(i), payloads[i % payloads.length]!, false);
    if (i % perFrame === perFrame - 1) for (const f of frames.splice(0)) f();
  }
  for (const f of frames.splice(0)) f();
  return state;
}

describe('ingest, 100,000 messages (numbers and small JSON)', () => {
  bench('10 topics', () => void run(100_000, 10, 1000), { iterations: 5 });
  bench('1,000 topics', () => void run(100_000, 1000, 1000), { iterations: 5 });
  bench('10,000 topics', () => void run(100_000, 10_000, 1000), { iterations: 5 });
  bench('1,000 topics under 100 wildcard filters', () => void run(100_000, 1000, 1000, 100), {
    iterations: 5,
  });
});
