import { formatReport, soak, soakWidgets } from '../scripts/soak.ts';
import { dashboardOf, expect, openWithDashboard, test } from './fixtures.ts';

/**
 * The short form of `npm run soak` (scripts/soak.ts): 100,000 messages through an open
 * dashboard with a chart, gauges, texts and an indicator. The warm-up fills every bounded
 * buffer first (the live path keeps 1,000 messages per topic, the chart 1,000 points per
 * line here) and lets the JIT compile the hot path, so whatever the heap gains after it is
 * growth that would go on for weeks.
 */
const TOPICS = 20;
const WARMUP = 60_000; // 3,000 per topic
const MESSAGES = 100_000;
const MAX_POINTS = 1000;
/**
 * Heap growth allowed, in MB. Measured here over this run: +0.5 to +1.0 MB (eleven runs),
 * which heap snapshots put in compiled code (the JIT still optimising), not in data. A leak
 * of one small object per message (a timestamp and a string kept, about 30 bytes) measured
 * +3.4 MB: the bound sits between the two.
 */
const HEAP_BOUND_MB = 2.5;
/**
 * DOM nodes and listeners may differ by some: the chart's axes show as many labels and dots
 * as fit the span they show, which follows the time (34 fewer nodes were seen at the end of
 * one run). A leak grows with the messages: one node per thousand would already be +100.
 */
const DOM_SLACK = 60;

test.describe('memory under a flood', () => {
  // It is the page's memory that is measured, and which broker delivers the messages does not
  // change it: it runs once, in the embedded-broker project (playwright.config.ts).

  test('100,000 messages leave the heap and the DOM where they were, the stored history bounded', async ({
    page,
    broker,
    sensor,
    syncPrefix,
  }, testInfo) => {
    // 24 s to over 90 s here (2 cores, fresh-clone CI runs): the warm-up's throughput varied
    // from 9,600 to 1,700 msgs/s between runs (the live path's speed under a flood, issue 9's
    // open item, measured by `npm run bench`). This test is about memory, not speed: the
    // timeout is room for a slow run, never a speed check.
    test.setTimeout(240_000);
    const prefix = syncPrefix.replace('dashboards/', 'soak/');
    await openWithDashboard(page, broker, dashboardOf('Soak', soakWidgets(prefix, MAX_POINTS)));

    const report = await soak(page, sensor, {
      prefix,
      topics: TOPICS,
      warmup: WARMUP,
      messages: MESSAGES,
      maxPoints: MAX_POINTS,
      checkpoints: 1,
      log: console.log,
    });
    const text = formatReport(report, HEAP_BOUND_MB).join('\n');
    console.log(text);
    await testInfo.attach('soak', { body: text, contentType: 'text/plain' });

    expect(report.mismatches, 'every widget showed the last value sent').toEqual([]);
    expect(report.end.heapMB - report.start.heapMB, 'heap growth after GC (MB)').toBeLessThan(
      HEAP_BOUND_MB,
    );
    expect(report.end.nodes - report.start.nodes, 'DOM nodes gained').toBeLessThan(DOM_SLACK);
    expect(report.end.listeners, 'event listeners').toBeLessThanOrEqual(
      report.start.listeners + DOM_SLACK,
    );
    // The chart's stored history is bounded too: its lines, at most their points each.
    expect(report.storage?.points, 'points in IndexedDB').toBeGreaterThan(0);
    expect(report.storage!.points).toBeLessThanOrEqual(report.chartCapacity);
  });
});
