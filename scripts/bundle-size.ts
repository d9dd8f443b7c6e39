/**
 * The bundle budget (part of `npm run check`): builds the app if needed, then fails when the
 * JavaScript a first visit needs grows past its budget. Measured like Vite reports it (gzip),
 * on what index.html loads at once: the entry chunk, and the chunks it preloads with it.
 * Chunks loaded later (MQTT.js, the widget views, recharts, the editor) are not counted.
 *
 * Raise a budget only on purpose, in the same commit as the change that needs it, and say
 * why in the commit message.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureBuild } from '../server/build.ts';
import { repoRoot } from '../server/paths.ts';

/**
 * kB (1000 bytes) of gzip. German and English (issue 10) added 5 kB to the entry and 41 kB to
 * the first load: i18next + react-i18next (~17 kB), both languages' texts (~20 kB: the
 * second language is bundled so the switch needs no request), zod's German messages. The live
 * worker's page side (issue 9: its protocol and the switch to the in-page path) added 2 kB;
 * the in-page path itself stays in the entry, as the fallback that must be there at once.
 * The Node-RED importer (issue 11: the flow graph, the chains, repair, the report's words in
 * both languages) added 6 kB to the entry and 10 kB to the first load: the default dashboard
 * is the tutorial's flow run through it at first start. Its JavaScript parser (acorn, ~30 kB)
 * is not in it: it comes with the editor, where flows are imported. Issue 9's last steps (the
 * retrying loader for lazy code, one live write per frame, the frame that does not render per
 * value, the once-a-second freshness badge: all on the path of every first load or message)
 * took the last kB of both budgets. The recorder (issue 12) added 1 kB to the first load: the
 * "recorded at" badge and texts every value may show at once; its client, last values and
 * warning (4 kB) load lazily after the first paint, which split a few shared chunks off.
 */
const BUDGET = { entry: 123, initial: 198 } as const;

ensureBuild({ root: repoRoot, log: (line) => console.log(line) });
const dist = path.join(repoRoot, 'dist');
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const entry = /<script type="module"[^>]*src="([^"]+)"/.exec(html)?.[1];
if (!entry) throw new Error('dist/index.html has no module entry script');
const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]*href="([^"]+)"/g)].map(
  (m) => m[1]!,
);

const gz = (file: string) => gzipSync(readFileSync(path.join(dist, file))).length / 1000;
const entryKb = gz(entry);
const initialKb = entryKb + preloads.reduce((sum, f) => sum + gz(f), 0);

const rows: Array<[string, number, number]> = [
  ['entry chunk', entryKb, BUDGET.entry],
  [`initial JS (entry + ${preloads.length} preloaded)`, initialKb, BUDGET.initial],
];
for (const f of [entry, ...preloads]) console.log(`     ${gz(f).toFixed(1).padStart(6)} kB  ${f}`);
let over = false;
for (const [name, kb, budget] of rows) {
  const ok = kb <= budget;
  over ||= !ok;
  console.log(`${ok ? 'ok  ' : 'OVER'} ${name}: ${kb.toFixed(1)} kB gzip (budget ${budget} kB)`);
}
if (over) {
  console.error(
    'The first load grew past its budget (scripts/bundle-size.ts): load it lazily, or raise the budget on purpose.',
  );
  process.exit(1);
}
