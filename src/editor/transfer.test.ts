import { describe, expect, it } from 'vitest';
import seedFlow from '@/dashboard/fixtures/seed-flow.json';
import type { Dashboard, DashboardDocument } from '@/dashboard/schema';
import { SCHEMA_VERSION } from '@/dashboard/schema';
import { slugify } from '@/dashboard/slugs';
import { bumpRevisions } from '@/stores/dashboard-store';
import { createDefaultDashboard } from '@/widgets/default-dashboard';
import { parseWidget } from '@/widgets/registry';
import { setLanguage } from '@/i18n/i18n';
import { say } from '@/i18n/message';
import {
  applyImport,
  EXPORT_FORMAT,
  exportFile,
  exportFileName,
  importErrorMessage,
  importSizeError,
  MAX_IMPORT_BYTES,
  parseImport,
  planImport,
  type ImportResult,
} from './transfer';

const NOW = new Date(2026, 10, 25, 14, 30); // local time: the file name uses the local date

/** As the app holds dashboards: with their slugs (which reading fills in). */
const dashboard = (id: string, title = id.toUpperCase(), revision = 0): Dashboard => ({
  id,
  title,
  slugs: [slugify(title) || 'dashboard'],
  revision,
  updatedAt: '2026-01-01T00:00:00.000Z',
  pages: [
    {
      id: `${id}-p`,
      title: 'Home',
      slugs: ['home'],
      groups: [
        {
          id: `${id}-g`,
          title: 'Default',
          width: 6,
          showTitle: true,
          widgets: [
            {
              id: `${id}-w1`,
              type: 'gauge',
              version: 1,
              config: { title: 'Temp', topic: 'house/temp', unit: '°C' },
              layout: { x: 0, y: 0, w: 6, h: 5 },
            },
            {
              id: `${id}-w2`,
              type: 'slider',
              version: 1,
              config: { label: 'Dim', topic: 'house/dim', min: 0, max: 10 },
            },
          ],
        },
      ],
    },
  ],
});

/** The errors as the dialog says them (in English: tests run in English). */
function errorsOf(result: ImportResult) {
  if (result.ok) throw new Error('expected the import to fail');
  return result.errors.map((e) => ({ path: e.path, message: importErrorMessage(e) }));
}
function okOf(result: ImportResult) {
  if (!result.ok) throw new Error(`expected success: ${JSON.stringify(result.errors)}`);
  return result;
}
const json = (v: unknown) => JSON.stringify(v);

describe('exportFile', () => {
  it('writes the format, schema version, time and dashboards, and nothing else', () => {
    const text = exportFile([dashboard('a')], NOW);
    const file = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(file).sort()).toEqual(
      ['dashboards', 'exportedAt', 'format', 'schemaVersion'].sort(),
    );
    expect(file.format).toBe(EXPORT_FORMAT);
    expect(file.schemaVersion).toBe(SCHEMA_VERSION);
    expect(file.exportedAt).toBe(NOW.toISOString());
    expect(file.dashboards).toEqual([dashboard('a')]);
    expect(text).toContain('\n  "format"'); // pretty, for people reading or diffing it
    expect(text.toLowerCase()).not.toMatch(/password|username|broker/);
  });
});

describe('exportFileName', () => {
  it('names one dashboard by its title, several as "dashboards", with the date', () => {
    expect(exportFileName([dashboard('a', 'Ground floor')], NOW)).toBe(
      'tafel-ground-floor-2026-11-25.json',
    );
    expect(exportFileName([dashboard('a'), dashboard('b')], NOW)).toBe(
      'tafel-dashboards-2026-11-25.json',
    );
  });

  it('makes a safe name of any title', () => {
    expect(exportFileName([dashboard('a', 'Erdgeschoß: Küche / Bad!')], NOW)).toBe(
      'tafel-erdgeschoss-kuche-bad-2026-11-25.json',
    );
    expect(exportFileName([dashboard('a', '🏠')], NOW)).toBe('tafel-dashboard-2026-11-25.json');
    expect(exportFileName([dashboard('a', 'x'.repeat(200))], NOW)).toMatch(
      /^tafel-x{60}-2026-11-25\.json$/,
    );
  });
});

describe('parseImport: accepted shapes', () => {
  it('round-trips an export file', () => {
    const dashboards = [dashboard('a'), dashboard('b', 'Second', 7)];
    const result = okOf(parseImport(exportFile(dashboards, NOW)));
    expect(result.dashboards).toEqual(dashboards);
    expect(result.warnings.map(say)).toEqual([]);
    expect(result.source).toBe('tafel');
  });

  it('round-trips the default dashboard', () => {
    const d = createDefaultDashboard();
    expect(okOf(parseImport(exportFile([d]))).dashboards).toEqual([d]);
  });

  it('reads a single dashboard object, filling defaults and slugs', () => {
    const result = okOf(
      parseImport(json({ id: 'x', title: 'Solo', pages: [{ id: 'p', title: 'Home' }] })),
    );
    expect(result.dashboards).toEqual([
      {
        id: 'x',
        title: 'Solo',
        slugs: ['solo'],
        revision: 0,
        updatedAt: new Date(0).toISOString(),
        pages: [{ id: 'p', title: 'Home', slugs: ['home'], groups: [] }],
      },
    ]);
    expect(result.source).toBe('tafel');
  });

  it('reads a whole stored document', () => {
    const doc: DashboardDocument = {
      schemaVersion: SCHEMA_VERSION,
      dashboards: [dashboard('a'), dashboard('b')],
    };
    expect(okOf(parseImport(json(doc))).dashboards).toEqual(doc.dashboards);
  });

  it('drops keys that are not part of a dashboard', () => {
    const file = JSON.parse(exportFile([dashboard('a')])) as { dashboards: object[] };
    file.dashboards[0] = { ...file.dashboards[0], password: 'secret' };
    const [d] = okOf(parseImport(json(file))).dashboards;
    expect(d).not.toHaveProperty('password');
  });

  it('converts the tutorial’s Node-RED flow into a new dashboard', () => {
    const result = okOf(parseImport(json(seedFlow)));
    expect(result.source).toBe('node-red');
    expect(result.warnings.map(say)).toEqual([]);
    expect(result.dashboards).toHaveLength(1);
    const [d] = result.dashboards;
    expect(d!.title).toBe('Home'); // the flow's first ui_tab
    expect(d!.id).not.toBe('example');
    expect(d!.pages[0]!.groups[0]!.widgets.map((w) => w.type)).toEqual(['slider', 'gauge']);
    const gauge = parseWidget(d!.pages[0]!.groups[0]!.widgets[1]!);
    expect(gauge.ok && gauge.config).toMatchObject({
      title: 'Temperatur',
      topic: 'Erdgeschoss/Wohnzimmer/temp',
      qos: 2,
    });
    // Each import is a new dashboard, not a replacement of the last one.
    expect(okOf(parseImport(json(seedFlow))).dashboards[0]!.id).not.toBe(d!.id);
  });

  it('passes on what a Node-RED flow could not carry over, and names it after its first tab', () => {
    const flow = [
      { id: 't2', type: 'ui_tab', name: 'Second', order: 2 },
      { id: 't1', type: 'ui_tab', name: 'Kitchen', order: 1 },
      { id: 'g', type: 'ui_group', name: 'G', tab: 't1' },
      { id: 'c', type: 'ui_template', group: 'g', label: 'History' },
      { id: 's', type: 'ui_slider', group: 'g', label: 'Dim' },
    ];
    const result = okOf(parseImport(json(flow)));
    expect(result.dashboards[0]!.title).toBe('Kitchen');
    expect(result.report?.entries.find((e) => e.id === 'c')).toMatchObject({
      outcome: 'left-out',
      type: 'ui_template',
    });
    expect(result.report?.counts).toMatchObject({ widgets: 1, leftOut: 1, noTopic: 1 });
  });

  it('calls a Node-RED flow without a named tab "Node-RED import"', () => {
    const flow = [
      { id: 'g', type: 'ui_group', name: 'G' },
      { id: 's', type: 'ui_slider', group: 'g', label: 'Dim' },
    ];
    expect(okOf(parseImport(json(flow))).dashboards[0]!.title).toBe('Node-RED import');
  });
});

describe('parseImport: errors', () => {
  it('refuses empty input', () => {
    expect(errorsOf(parseImport(''))).toEqual([
      { path: '$', message: 'Nothing to import: the input is empty.' },
    ]);
    expect(errorsOf(parseImport('  \n\t'))).toHaveLength(1);
  });

  it('refuses more than 5 MB without parsing it', () => {
    const big = `[${'"x",'.repeat(MAX_IMPORT_BYTES / 4)}"x"]`;
    const [error] = errorsOf(parseImport(big));
    expect(error?.message).toMatch(/Too large.*limit is 5 MB/);
    // Counted in bytes: 2 million "ä" are 4 MB in UTF-8, 3 million are 6 MB.
    expect(errorsOf(parseImport('ä'.repeat(3_000_000)))[0]?.message).toMatch(/Too large/);
    expect(errorsOf(parseImport('ä'.repeat(2_000_000)))[0]?.message).toMatch(/JSON/);
    expect(importSizeError(MAX_IMPORT_BYTES)).toBeNull();
    expect(say(importSizeError(MAX_IMPORT_BYTES + 1)!)).toMatch(/Too large/);
  });

  it('says its errors in the language on screen when they are shown, numbers too', () => {
    const [error] = errorsOf(parseImport('x'.repeat(MAX_IMPORT_BYTES + 300_000)));
    expect(error?.message).toBe('Too large to import (5.3 MB); the limit is 5 MB.');
    const result = parseImport('');
    setLanguage('de');
    try {
      expect(errorsOf(result)[0]?.message).toBe('Nichts zu importieren: Die Eingabe ist leer.');
      expect(say(importSizeError(MAX_IMPORT_BYTES + 300_000)!)).toBe(
        'Zu groß zum Importieren (5,3 MB); die Grenze ist 5 MB.',
      );
    } finally {
      setLanguage('en');
    }
  });

  it('gives the parser’s message and the line and column of invalid JSON', () => {
    const errors = errorsOf(parseImport('{\n  "id": "a",\n  "title" "x"\n}'));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe('$');
    expect(errors[0]!.message).toMatch(/^Not valid JSON: /);
    expect(errors[0]!.message).toMatch(/line 3, column 11/);
  });

  it('gives the line and column at the end of cut-off JSON', () => {
    const [error] = errorsOf(parseImport('{\n  "a": ['));
    expect(error?.message).toMatch(/Not valid JSON.*line 2, column 9/);
  });

  it.each([
    ['a number', '42'],
    ['a string', '"hello"'],
    ['null', 'null'],
    ['some other object', '{"hello": "world"}'],
  ])('refuses %s: none of the accepted shapes', (_what, text) => {
    const [error] = errorsOf(parseImport(text));
    expect(error?.path).toBe('$');
    expect(error?.message).toMatch(/Tafel export file, a dashboard, or a Node-RED flow/);
  });

  it('refuses a list that is not a Node-RED flow, naming the first odd item', () => {
    expect(errorsOf(parseImport('[]'))[0]?.message).toMatch(/empty list/);
    const [error] = errorsOf(parseImport(json([{ id: 'a', type: 'inject' }, 5])));
    expect(error).toMatchObject({ path: '$[1]', message: expect.stringMatching(/Node-RED/) });
  });

  it('refuses a Node-RED flow without dashboard nodes', () => {
    const flow = [
      { id: 'i', type: 'inject', wires: [['o']] },
      { id: 'o', type: 'mqtt out', topic: 'x' },
    ];
    expect(errorsOf(parseImport(json(flow)))[0]?.message).toMatch(/no dashboard nodes/);
  });

  it('repairs a Node-RED widget Tafel would refuse, instead of refusing the flow', () => {
    const flow = [
      { id: 't', type: 'ui_tab', name: 'Main' },
      { id: 'g', type: 'ui_group', name: 'G', tab: 't' },
      { id: 's', type: 'ui_slider', group: 'g', label: 'Upside down', min: 10, max: 5 },
    ];
    const result = okOf(parseImport(json(flow)));
    expect(result.dashboards[0]!.pages[0]!.groups[0]!.widgets[0]!.config).toMatchObject({
      min: 5,
      max: 10,
    });
    const slider = result.report?.entries.find((e) => e.id === 's');
    expect(slider?.outcome).toBe('repaired');
    expect(slider?.notes.map(say)).toEqual(['min and max were the wrong way round: swapped.']);
  });

  it('reads the {"flows": [...]} form of Node-RED’s admin API', () => {
    const flows = [
      { id: 'g', type: 'ui-group', name: 'G' },
      { id: 's', type: 'ui-slider', group: 'g', label: 'Dim' },
    ];
    const result = okOf(parseImport(json({ flows, rev: 'abc' })));
    expect(result.source).toBe('node-red');
    expect(result.report?.flavor).toBe('d2');
  });

  it('refuses an unknown format', () => {
    const [error] = errorsOf(parseImport(json({ format: 'grafana', dashboards: [] })));
    expect(error).toMatchObject({ path: '$.format', message: expect.stringMatching(/grafana/) });
  });

  it('refuses a file from a newer Tafel', () => {
    const file = JSON.parse(exportFile([dashboard('a')])) as Record<string, unknown>;
    file.schemaVersion = SCHEMA_VERSION + 1;
    const [error] = errorsOf(parseImport(json(file)));
    expect(error).toMatchObject({
      path: '$.schemaVersion',
      message: expect.stringMatching(/newer Tafel/),
    });
  });

  it.each([
    ['missing', undefined],
    ['not a number', 'one'],
  ])('refuses a document whose schemaVersion is %s', (_what, schemaVersion) => {
    const [error] = errorsOf(parseImport(json({ schemaVersion, dashboards: [dashboard('a')] })));
    expect(error).toMatchObject({
      path: '$.schemaVersion',
      message: expect.stringMatching(/schemaVersion is missing/),
    });
  });

  it('refuses a file without dashboards', () => {
    const [error] = errorsOf(parseImport(exportFile([])));
    expect(error?.path).toBe('$.dashboards');
  });

  it('says where each wrong field is, as a JSON path, with zod’s message', () => {
    const a = dashboard('a');
    const b = { ...dashboard('b'), pages: [a.pages[0], { id: 'p2', title: 5 }] };
    const c = { ...dashboard('c'), id: '' };
    const errors = errorsOf(parseImport(exportFile([a, b, c] as Dashboard[])));
    expect(errors.map((e) => e.path)).toEqual([
      '$.dashboards[1].pages[1].title',
      '$.dashboards[2].id',
    ]);
    expect(errors[0]!.message).toMatch(/expected string, received number/);
  });

  it('gives paths from the root for a single dashboard', () => {
    const errors = errorsOf(parseImport(json({ id: 'x', title: 'T', pages: [] })));
    expect(errors).toEqual([{ path: '$.pages', message: expect.any(String) }]);
  });

  it('refuses an import with any invalid widget, saying which and why', () => {
    const a = dashboard('a');
    const widgets = a.pages[0]!.groups[0]!.widgets;
    widgets[1] = { ...widgets[1]!, config: { label: 'Dim', min: 10, max: 5 } };
    widgets.push({ id: 'w3', type: 'sparkline', version: 1, config: {} });
    const errors = errorsOf(parseImport(exportFile([dashboard('ok'), a])));
    expect(errors).toEqual([
      {
        path: '$.dashboards[1].pages[0].groups[0].widgets[1].config',
        message: 'max: Max must be greater than min',
      },
      {
        path: '$.dashboards[1].pages[0].groups[0].widgets[2].type',
        message: 'Unknown widget type “sparkline”.',
      },
    ]);
  });

  it('reports widget problems of a single dashboard from the root', () => {
    const a = dashboard('a');
    a.pages[0]!.groups[0]!.widgets[0]!.config = { title: 'T', topic: 'a/#/b' };
    const [error] = errorsOf(parseImport(json(a)));
    expect(error?.path).toBe('$.pages[0].groups[0].widgets[0].config');
  });

  it('refuses two dashboards with one id', () => {
    const errors = errorsOf(parseImport(exportFile([dashboard('a'), dashboard('a', 'Twin')])));
    expect(errors).toEqual([{ path: '$.dashboards[1].id', message: expect.stringMatching(/“a”/) }]);
  });

  it('sums up very many errors in one last line', () => {
    const many = Array.from({ length: 80 }, (_, i) => ({ ...dashboard(`d${i}`), title: '' }));
    const errors = errorsOf(parseImport(exportFile(many as Dashboard[])));
    expect(errors).toHaveLength(50);
    expect(errors.at(-1)).toEqual({ path: '$', message: '… and 31 more problems.' });
  });
});

describe('planImport', () => {
  it('splits the incoming into conflicts (id exists) and fresh ones', () => {
    const incoming = [dashboard('a', 'A2'), dashboard('c')];
    const plan = planImport([dashboard('a'), dashboard('b')], incoming);
    expect(plan.conflicts).toEqual([incoming[0]]);
    expect(plan.fresh).toEqual([incoming[1]]);
  });
});

describe('applyImport', () => {
  const doc = (): DashboardDocument => ({
    schemaVersion: SCHEMA_VERSION,
    dashboards: [dashboard('a', 'A', 5), dashboard('b')],
  });

  it('replace puts the incoming in place of the same id, and adds new ones', () => {
    const before = doc();
    const incoming = [dashboard('a', 'Imported A', 2), dashboard('c')];
    const after = applyImport(before, incoming, 'replace');
    expect(after.dashboards.map((d) => [d.id, d.title])).toEqual([
      ['a', 'Imported A'],
      ['b', 'B'],
      ['c', 'C'],
    ]);
    expect(after.dashboards[1]).toBe(before.dashboards[1]);
    expect(before.dashboards[0]!.title).toBe('A'); // pure
  });

  it('replace leaves the imported dashboard with a revision above the existing one', () => {
    const before = doc();
    const after = applyImport(before, [dashboard('a', 'Imported A', 2)], 'replace');
    // What the store's edit() does with the result:
    const saved = bumpRevisions(before, after);
    expect(saved.dashboards[0]).toMatchObject({ title: 'Imported A', revision: 6 });
    expect(saved.dashboards[1]).toBe(before.dashboards[1]);
  });

  it('keep-both adds a copy with new ids everywhere and " (imported)" after the title', () => {
    const before = doc();
    const incoming = dashboard('a', 'A', 9);
    const after = applyImport(before, [incoming, dashboard('c')], 'keep-both');
    expect(after.dashboards.map((d) => d.title)).toEqual(['A', 'B', 'A (imported)', 'C']);
    expect(after.dashboards[0]).toBe(before.dashboards[0]);
    const copy = after.dashboards[2]!;
    const ids = (d: Dashboard) => [
      d.id,
      ...d.pages.flatMap((p) => [
        p.id,
        ...p.groups.flatMap((g) => [g.id, ...g.widgets.map((w) => w.id)]),
      ]),
    ];
    const theirs = new Set(ids(incoming));
    for (const id of ids(copy)) expect(theirs.has(id)).toBe(false);
    expect(copy.pages[0]!.groups[0]!.widgets.map((w) => w.config)).toEqual(
      incoming.pages[0]!.groups[0]!.widgets.map((w) => w.config),
    );
    // A fresh one keeps its id: nothing here has it.
    expect(after.dashboards[3]!.id).toBe('c');
  });

  it('gives every dashboard it brings in a slug that no other dashboard has', () => {
    const after = applyImport(doc(), [dashboard('c', 'A'), dashboard('a', 'A')], 'keep-both');
    expect(after.dashboards.map((d) => [d.title, d.slugs?.[0]])).toEqual([
      ['A', 'a'],
      ['B', 'b'],
      ['A', 'a-2'],
      ['A (imported)', 'a-imported'],
    ]);
  });

  it('keep-both keeps a long title within the limit', () => {
    const long = dashboard('a', 'L'.repeat(200));
    const after = applyImport(doc(), [long], 'keep-both');
    const title = after.dashboards[2]!.title;
    expect(title).toHaveLength(200);
    expect(title.endsWith(' (imported)')).toBe(true);
  });

  it('imports the result of parseImport into a document that still validates', () => {
    const parsed = okOf(parseImport(exportFile([dashboard('a', 'Again'), dashboard('z')])));
    const after = applyImport(doc(), parsed.dashboards, 'keep-both');
    expect(after.dashboards).toHaveLength(4);
    expect(
      okOf(parseImport(json({ schemaVersion: SCHEMA_VERSION, dashboards: after.dashboards })))
        .dashboards,
    ).toHaveLength(4);
  });
});
