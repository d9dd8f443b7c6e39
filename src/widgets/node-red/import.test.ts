import { describe, expect, it } from 'vitest';
import seedFlow from '@/dashboard/fixtures/seed-flow.json';
import type { Dashboard } from '@/dashboard/schema';
import { say } from '@/i18n/message';
import { createDefaultDashboard } from '../default-dashboard';
import { parseWidget } from '../registry';
import d1Partial from './fixtures/d1-partial.json';
import d1Wiring from './fixtures/d1-wiring.json';
import d2Flows from './fixtures/d2-flows.json';
import { readFunctionBody } from './function-body';
import { importNodeRedFlow, type ImportReport } from './import';

const run = (flow: unknown) =>
  importNodeRedFlow(flow, { id: 'x', title: 'Fallback', readFunction: readFunctionBody });

/** A widget's place and validated config, by its node's id. */
function widget(d: Dashboard, id: string) {
  for (const p of d.pages) {
    for (const g of p.groups) {
      const w = g.widgets.find((x) => x.id === id);
      if (!w) continue;
      const parsed = parseWidget(w);
      if (!parsed.ok) throw new Error(`${id}: ${parsed.reason}`);
      return {
        type: w.type,
        page: p.title,
        group: g.title,
        layout: w.layout,
        config: parsed.config as Record<string, unknown>,
      };
    }
  }
  throw new Error(`no widget ${id}`);
}

const entry = (r: ImportReport, id: string) => {
  const e = r.entries.find((x) => x.id === id);
  if (!e) throw new Error(`no entry ${id}`);
  return { ...e, said: e.notes.map(say) };
};

describe('Node-RED import: the tutorial flow', () => {
  it('turns it into page Home, group Default, the slider and the gauge', () => {
    const { dashboard, report } = run(seedFlow);
    expect(report.counts).toMatchObject({ widgets: 2, repaired: 0, leftOut: 0, noTopic: 0 });
    expect(dashboard.pages.map((p) => p.title)).toEqual(['Home']);
    const group = dashboard.pages[0]!.groups[0]!;
    expect(group.title).toBe('Default');
    expect(group.widgets.map((w) => w.type)).toEqual(['slider', 'gauge']);
    expect(widget(dashboard, group.widgets[0]!.id).config).toMatchObject({
      label: 'Temperatur einstellen',
      topic: 'Erdgeschoss/Wohnzimmer/temp',
      stateTopic: '',
      min: 0,
      max: 100,
      step: 1,
      sendMode: 'drag',
      qos: 0,
      retain: false,
    });
    expect(widget(dashboard, group.widgets[1]!.id).config).toMatchObject({
      title: 'Temperatur',
      topic: 'Erdgeschoss/Wohnzimmer/temp',
      qos: 2,
      unit: '°C',
      min: 0,
      max: 100,
      colors: ['#00b500', '#e6e600', '#ca3838'],
      seg1: null,
      seg2: null,
    });
  });

  it('is what the default dashboard shows, titled “Example”', () => {
    const d = createDefaultDashboard();
    expect(d.title).toBe('Example');
    expect(d.pages.map((p) => p.title)).toEqual(['Home']);
    expect(d.pages[0]?.groups[0]?.widgets).toHaveLength(2);
  });
});

describe('Node-RED import: Dashboard 1, every wiring pattern', () => {
  const { dashboard, report } = run(d1Wiring);

  it('takes the site name as the title, pages in order with icons, groups with widths', () => {
    expect(dashboard.title).toBe('Unser Haus');
    expect(dashboard.pages.map((p) => [p.title, p.icon])).toEqual([
      ['Wohnung', '🏠'],
      ['Garten', '🌿'],
      ['Technik', '▫️'],
    ]);
    expect(entry(report, 'tab3').said).toEqual([
      'The icon “fa-rocket-launch-xyz” has no Tafel counterpart: the page got a neutral icon.',
    ]);
    const groups = dashboard.pages[0]!.groups.map((g) => [g.title, g.width, g.showTitle]);
    expect(groups).toEqual([
      ['Wohnzimmer', 6, true],
      ['Schalter', 4, false],
      ['Imported', 6, true],
    ]);
    expect(report.notes.map(say)).toEqual([
      "The Node-RED dashboard used a dark theme: Tafel follows the device's light or dark setting.",
    ]);
  });

  it('binds a gauge wired straight, with the format’s decimals and its sectors', () => {
    expect(widget(dashboard, 'g_direct').config).toMatchObject({
      topic: 'haus/wohnzimmer/temp',
      qos: 1,
      unit: '°C',
      decimals: 1,
      max: 40,
      seg1: 18,
      seg2: 26,
    });
  });

  it('follows json → change (payload from payload.humidity) to a value path', () => {
    expect(widget(dashboard, 'g_hum').config).toMatchObject({
      variant: 'donut',
      topic: 'zigbee2mqtt/wohnzimmer',
      valuePath: 'humidity',
    });
    expect(entry(report, 'g_hum').subscribe).toEqual([
      { topic: 'zigbee2mqtt/wohnzimmer', via: ['json', 'Feuchte'] },
    ]);
  });

  it('reads a function that picks and rounds, without running it', () => {
    expect(widget(dashboard, 't_fn').config).toMatchObject({
      topic: 'zigbee2mqtt/wohnzimmer',
      valuePath: 'pressure',
      decimals: 1,
      format: '{value} hPa',
    });
  });

  it('reads the value path and the text around it from a ui_text format', () => {
    expect(widget(dashboard, 't_fmt').config).toMatchObject({
      valuePath: 'humidity',
      format: '{value} %',
      align: 'left',
    });
  });

  it('gives a chart fed through link out → link in and a switch node one series each', () => {
    const chart = widget(dashboard, 'ch1');
    // 12 hours kept: the nearest window that shows all of it is a day.
    expect(chart.config).toMatchObject({ kind: 'step', windowSeconds: 86_400, showLegend: true });
    expect((chart.config.series as Array<{ topic: string }>).map((s) => s.topic).sort()).toEqual([
      'garten/beet/feuchte',
      'garten/regen',
    ]);
    const e = entry(report, 'ch1');
    expect(e.subscribe).toContainEqual({
      topic: 'garten/beet/feuchte',
      via: ['zum Garten', 'vom Haus'],
    });
    expect(e.said).toEqual([
      'The switch node “nur Zahlen” only passes some messages: Tafel shows every message on the topic.',
    ]);
  });

  it('goes into a subflow and out again', () => {
    expect(widget(dashboard, 't_sf').config).toMatchObject({
      topic: 'garten/sensor',
      valuePath: 'temperature',
      format: '{value} °C',
    });
    expect(entry(report, 't_sf').subscribe).toEqual([{ topic: 'garten/sensor', via: ['pick'] }]);
  });

  it('publishes to the topic a change node sets before a topic-less mqtt out', () => {
    expect(widget(dashboard, 'sl1').config).toMatchObject({
      topic: 'zigbee2mqtt/lampe/set/brightness',
      sendMode: 'release',
      max: 254,
      qos: 1,
    });
    expect(entry(report, 'sl1').publish).toEqual([
      { topic: 'zigbee2mqtt/lampe/set/brightness', via: ['Topic setzen'] },
    ]);
  });

  it('binds a switch both ways and says what its function changes', () => {
    expect(widget(dashboard, 'sw_lamp').config).toMatchObject({
      topic: 'zigbee2mqtt/lampe/set',
      stateTopic: 'zigbee2mqtt/lampe',
      valuePath: 'state',
      onPayload: 'ON',
      mode: 'wait',
    });
    expect(entry(report, 'sw_lamp').said).toEqual([
      "The function “Befehl bauen” changes what is sent; Tafel sends the widget's value. Check the payload.",
    ]);
  });

  it('repairs odd settings instead of refusing the flow, and says so', () => {
    expect(widget(dashboard, 'g_odd').config).toMatchObject({ min: 0, max: 100, seg1: null });
    expect(entry(report, 'g_odd')).toMatchObject({ outcome: 'repaired' });
    expect(entry(report, 'g_odd').said).toEqual([
      'min and max were the wrong way round: swapped.',
      'seg1 (150) is not valid in Tafel: set to the default.',
    ]);
    expect((widget(dashboard, 't_long').config.format as string).length).toBe(500);
    expect(entry(report, 't_long').said).toEqual(['format was longer than 500 characters: cut.']);
  });

  it('puts the toast on the first page and a widget without its group into “Imported”', () => {
    expect(widget(dashboard, 'toast1')).toMatchObject({
      type: 'notification',
      page: 'Wohnung',
      config: { topic: 'alarm/meldung', duration: 5 },
    });
    expect(widget(dashboard, 'lost1')).toMatchObject({
      type: 'button',
      group: 'Imported',
      config: { topic: 'haus/klingel', icon: 'bell', payload: 'ring' },
    });
  });

  it('imports a template that only shows a value as text, leaves the others out with why', () => {
    expect(widget(dashboard, 'tpl_simple')).toMatchObject({
      type: 'text',
      config: { topic: 'garten/zisterne', format: '{value} cm' },
    });
    expect(entry(report, 'tpl_script')).toMatchObject({ outcome: 'left-out' });
    expect(entry(report, 'form1').said).toEqual([
      'Forms (ui_form) have no Tafel widget yet; a text input or number input per field does the same.',
    ]);
  });

  it('flags a widget that has no topic after import', () => {
    expect(entry(report, 't_clock')).toMatchObject({ noTopic: true, widgetType: 'text' });
    expect(report.counts).toEqual({
      pages: 3,
      groups: 4,
      widgets: 16,
      repaired: 2,
      leftOut: 2,
      noTopic: 1,
    });
  });

  it('lays widgets out as Node-RED does: sizes in grid units, spacers take room', () => {
    // Two 3-wide gauges side by side in a 6-wide group.
    expect(widget(dashboard, 'g_direct').layout).toMatchObject({ x: 0, w: 3 });
    expect(widget(dashboard, 'g_hum').layout).toMatchObject({ x: 3, w: 3 });
    expect(widget(dashboard, 'g_hum').layout!.y).toBe(widget(dashboard, 'g_direct').layout!.y);
    // Width 0 is the group's width.
    expect(widget(dashboard, 't_fn').layout).toMatchObject({ x: 0, w: 6 });
    // The 4×1 spacer sits between the form's place and the LED.
    const led = widget(dashboard, 'led1').layout!;
    const sw = widget(dashboard, 'sw_lamp').layout!;
    expect(led.y).toBeGreaterThan(sw.y + sw.h);
  });

  it('keeps the numeric’s unit from its format, in its label', () => {
    expect(widget(dashboard, 'num1').config).toMatchObject({
      label: 'Solltemperatur (°C)',
      topic: 'haus/heizung/soll',
      min: 5,
      max: 30,
      step: 0.5,
      retain: true,
    });
  });

  it('lists the broker', () => {
    expect(report.brokers).toEqual([
      { name: 'Mosquitto', host: '192.168.1.10', port: 1883, tls: false },
    ]);
    expect(report.flavor).toBe('d1');
  });
});

describe('Node-RED import: Dashboard 2, in the {flows} form', () => {
  const { dashboard, report } = run(d2Flows);

  it('takes ui-base, ui-page and ui-group', () => {
    expect(report.flavor).toBe('d2');
    expect(dashboard.title).toBe('Ferienhaus');
    expect(dashboard.pages.map((p) => [p.title, p.icon])).toEqual([
      ['Übersicht', '🏠'],
      ['Energie', '⚡'],
    ]);
    expect(dashboard.pages[1]!.groups[0]).toMatchObject({ width: 12, showTitle: false });
  });

  it('converts every D2 widget, bound through change, function and link nodes', () => {
    expect(widget(dashboard, 'wg1').config).toMatchObject({
      topic: 'ferienhaus/klima',
      qos: 2,
      valuePath: 'temperature',
      unit: '°C',
      max: 40,
      seg1: 22,
      seg2: 28,
      colors: ['#5cd65c', '#ffc800', '#ea5353'],
    });
    expect(widget(dashboard, 'wch1').config).toMatchObject({ windowSeconds: 86_400 });
    expect(widget(dashboard, 'wt1').config).toMatchObject({ valuePath: 'text' });
    expect(widget(dashboard, 'wb1').config).toMatchObject({
      topic: 'ferienhaus/alles/set',
      payload: 'OFF',
      icon: 'power',
    });
    expect(widget(dashboard, 'ws1').config).toMatchObject({ topic: 'ferienhaus/heizung/set' });
    expect(entry(report, 'ws1').publish).toEqual([
      { topic: 'ferienhaus/heizung/set', via: ['link out', 'link in', 'change'] },
    ]);
    expect(widget(dashboard, 'wsl1').config).toMatchObject({
      topic: 'ferienhaus/heizung/soll',
      min: 16,
      max: 26,
      step: 0.5,
      sendMode: 'release',
    });
    expect(widget(dashboard, 'wd1').config).toMatchObject({
      topic: 'ferienhaus/modus/set',
      options: [
        { label: 'Auto', value: 'auto' },
        { label: 'Eco', value: 'eco' },
      ],
    });
    expect(widget(dashboard, 'wr1')).toMatchObject({ type: 'dropdown' });
    expect(widget(dashboard, 'wti1').config).toMatchObject({ topic: 'ferienhaus/notiz' });
    expect(widget(dashboard, 'wni1').config).toMatchObject({ topic: 'ferienhaus/gaeste', max: 12 });
    expect(widget(dashboard, 'wn1')).toMatchObject({
      type: 'notification',
      config: { topic: 'ferienhaus/meldung', duration: 10 },
    });
    expect(widget(dashboard, 'wch2').config).toMatchObject({
      series: [{ topic: 'ferienhaus/strom/+' }],
    });
    expect(entry(report, 'wch2').said).toEqual([
      'Node-RED drew this as a bar chart; Tafel draws a line chart.',
    ]);
    expect(report.counts).toMatchObject({ widgets: 12, leftOut: 2, noTopic: 0, repaired: 0 });
    expect(report.brokers).toEqual([
      { name: 'mqtt-broker', host: 'ferienhaus.local', port: 8883, tls: true },
    ]);
  });
});

describe('Node-RED import: partial exports and odd input', () => {
  it('makes a page and a group “Imported” for widgets whose groups are not in the file', () => {
    const { dashboard, report } = run(d1Partial);
    expect(dashboard.title).toBe('Fallback');
    expect(dashboard.pages[0]!.groups.map((g) => g.title)).toEqual(['Imported']);
    expect(widget(dashboard, 'w1').config).toMatchObject({
      variant: 'level',
      topic: 'tank/level',
      max: 1000,
    });
    expect(widget(dashboard, 'w2').config).toMatchObject({ topic: 'pumpe/set', onType: 'number' });
    expect(entry(report, 'w1').said).toEqual([
      'Its group is not in the file: it is in the group “Imported”.',
    ]);
  });

  it('imports odd ids: repeated, endless, empty', () => {
    const long = 'x'.repeat(300);
    const flow = [
      { id: long, type: 'ui_tab', name: 'T' },
      { id: 'g', type: 'ui_group', name: 'G', tab: long },
      { id: 'g', type: 'ui_group', name: 'Again', tab: long },
      { id: '', type: 'ui_text', group: 'g', label: 'A' },
      { id: 'w', type: 'ui_text', group: 'g', label: 'B' },
      { id: 'w', type: 'ui_text', group: 'g', label: 'C' },
    ];
    const { dashboard } = run(flow);
    const ids = [
      ...dashboard.pages.map((p) => p.id),
      ...dashboard.pages.flatMap((p) => p.groups.map((g) => g.id)),
      ...dashboard.pages.flatMap((p) => p.groups.flatMap((g) => g.widgets.map((w) => w.id))),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id.length >= 1 && id.length <= 64)).toBe(true);
    expect(dashboard.pages[0]!.groups.flatMap((g) => g.widgets)).toHaveLength(3);
  });

  it('refuses what is not a flow', () => {
    expect(() => run({ not: 'a flow' })).toThrow(/JSON array of nodes/);
  });

  it('survives cycles, and stops walking after its hop limit', () => {
    const ring = Array.from({ length: 60 }, (_, i) => ({
      id: `n${i}`,
      type: 'delay',
      wires: [[i === 59 ? 'n0' : `n${i + 1}`, 'text']],
    }));
    const flow = [
      ...ring,
      { id: 'in', type: 'mqtt in', topic: 'far/away', wires: [['n0']] },
      { id: 'text', type: 'ui_text', group: 'g', label: 'Far', wires: [] },
      { id: 'g', type: 'ui_group', name: 'G' },
    ];
    const { dashboard } = run(flow);
    // Every delay node feeds the text, so the mqtt in is two hops away.
    expect(widget(dashboard, 'text').config).toMatchObject({ topic: 'far/away' });
  });

  it('converts a flow of 50,000 nodes in linear time', () => {
    const flow: unknown[] = [{ id: 't', type: 'ui_tab', name: 'Big' }];
    for (let g = 0; g < 500; g++) {
      flow.push({ id: `g${g}`, type: 'ui_group', name: `G${g}`, tab: 't' });
      for (let i = 0; i < 25; i++) {
        const id = `${g}-${i}`;
        flow.push(
          { id: `in${id}`, type: 'mqtt in', topic: `big/${id}`, wires: [[`j${id}`]] },
          { id: `j${id}`, type: 'json', wires: [[`c${id}`]] },
          {
            id: `c${id}`,
            type: 'change',
            rules: [{ t: 'set', p: 'payload', pt: 'msg', to: 'payload.v', tot: 'msg' }],
            wires: [[`w${id}`]],
          },
          { id: `w${id}`, type: 'ui_text', group: `g${g}`, label: id, wires: [] },
        );
      }
    }
    expect(flow.length).toBeGreaterThan(50_000);
    const started = performance.now();
    const { report } = run(flow);
    const ms = performance.now() - started;
    expect(report.counts.widgets).toBe(12_500);
    // Generous for a slow CI machine: quadratic work would take minutes here.
    expect(ms).toBeLessThan(10_000);
  });
});
