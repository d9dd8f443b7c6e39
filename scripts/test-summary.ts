/**
 * One closing line for CI over both runners: `total: N passed, N failed`. Reads the JSON
 * reports that vitest and Playwright write when CI is set; a missing report counts as a
 * failure, so a runner that did not run cannot pass unnoticed.
 */
import { existsSync, readFileSync } from 'node:fs';

interface Count {
  passed: number;
  failed: number;
  skipped: number;
}

function read(file: string): unknown {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown) : null;
}

function unit(): Count | null {
  const r = read('reports/unit-results.json') as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  } | null;
  return (
    r && {
      passed: r.numPassedTests,
      failed: r.numFailedTests,
      skipped: r.numPendingTests + r.numTodoTests,
    }
  );
}

function e2e(): Count | null {
  const r = read('reports/e2e-results.json') as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  } | null;
  // There are no retries (playwright.config.ts), so a flaky test is a failed one.
  return (
    r && {
      passed: r.stats.expected,
      failed: r.stats.unexpected + r.stats.flaky,
      skipped: r.stats.skipped,
    }
  );
}

const total: Count = { passed: 0, failed: 0, skipped: 0 };
for (const [name, count] of [
  ['unit', unit()],
  ['e2e', e2e()],
] as const) {
  if (!count) {
    console.log(`${name}: no report (the runner did not finish)`);
    total.failed++;
    continue;
  }
  console.log(`${name}: ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped`);
  total.passed += count.passed;
  total.failed += count.failed;
  total.skipped += count.skipped;
}
console.log(`total: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exitCode = total.failed > 0 ? 1 : 0;
