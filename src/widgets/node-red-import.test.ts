import { describe, expect, it } from 'vitest';
import seedFlow from '@/dashboard/fixtures/seed-flow.json';
import { createDefaultDashboard } from './default-dashboard';
import { importNodeRedFlow } from './node-red-import';
import { parseWidget } from './registry';

describe('Node-RED import', () => {
  it('turns the tutorial flow into page Home, group Default, the slider and the gauge', () => {
    const { dashboard, warnings } = importNodeRedFlow(seedFlow, { id: 'x', title: 'X' });
    expect(warnings).toEqual([]);
    expect(dashboard.pages.map((p) => p.title)).toEqual(['Home']);
    const group = dashboard.pages[0]!.groups[0]!;
    expect(group.title).toBe('Default');
    expect(group.widgets.map((w) => w.type)).toEqual(['slider', 'gauge']);

    const slider = parseWidget(group.widgets[0]!);
    const gauge = parseWidget(group.widgets[1]!);
    expect(slider.ok && slider.config).toMatchObject({
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
    expect(gauge.ok && gauge.config).toMatchObject({
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

  it('is what the default dashboard shows', () => {
    const d = createDefaultDashboard();
    expect(d.pages[0]?.groups[0]?.widgets).toHaveLength(2);
  });

  it('reports nodes it cannot carry over, and refuses what is not a flow', () => {
    const flow = [
      { id: 't', type: 'ui_tab', name: 'Main' },
      { id: 'g', type: 'ui_group', name: 'G', tab: 't', width: '8' },
      { id: 'c', type: 'ui_template', group: 'g', label: 'History' },
      { id: 's', type: 'ui_slider', group: 'nowhere', label: 'Lost' },
      {
        id: 'x',
        type: 'ui_slider',
        group: 'g',
        label: 'Dim',
        outs: 'end',
        min: '10',
        max: '30',
        step: 0.5,
        wires: [['o']],
      },
      { id: 'o', type: 'mqtt out', topic: 'light/dim', qos: '1', retain: 'true' },
    ];
    const { dashboard, warnings } = importNodeRedFlow(flow, { id: 'n', title: 'N' });
    expect(warnings).toEqual([
      '“History” (ui_template) has no Tafel widget yet.',
      '“Lost” is not in a dashboard group.',
    ]);
    const w = dashboard.pages[0]!.groups[0]!;
    expect(w.width).toBe(8);
    const dim = parseWidget(w.widgets[0]!);
    expect(dim.ok && dim.config).toMatchObject({
      sendMode: 'release',
      min: 10,
      max: 30,
      step: 0.5,
      qos: 1,
      retain: true,
      topic: 'light/dim',
    });
    expect(() => importNodeRedFlow({ not: 'a flow' }, { id: 'n', title: 'N' })).toThrow(/array/);
  });
});
