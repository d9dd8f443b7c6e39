import { dashboardSchema, type Dashboard, type Group, type Page } from '@/dashboard/schema';
import { t } from '@/i18n/i18n';
import type { QoS } from '@/mqtt/subscriptions';
import { widgetTypes } from './registry';
import type { NodeRedContext } from './types';

type Node = Record<string, unknown> & { id: string; type: string };

export interface NodeRedImport {
  dashboard: Dashboard;
  /** Nodes that could not be carried over, in words (the language on screen at import). */
  warnings: string[];
}

const toQos = (v: unknown): QoS => (v === '1' || v === 1 ? 1 : v === '2' || v === 2 ? 2 : 0);
const wiresOf = (n: Node): string[] =>
  Array.isArray(n.wires) ? (n.wires as unknown[]).flat().filter((w) => typeof w === 'string') : [];

/**
 * Turn a Node-RED dashboard flow (the JSON its "Export" gives) into a Tafel dashboard:
 * ui_tab → page, ui_group → group, ui_* widget → widget. MQTT topics come from the `mqtt out`
 * node a widget is wired to and the `mqtt in` node wired to it (Node-RED keeps them apart;
 * in Tafel a widget talks to the broker itself).
 */
export function importNodeRedFlow(
  flow: unknown,
  options: { id: string; title: string },
): NodeRedImport {
  if (!Array.isArray(flow)) throw new Error(t('widgets:nodeRed.notFlow'));
  const nodes = (flow as unknown[]).filter(
    (n): n is Node =>
      typeof n === 'object' &&
      n !== null &&
      typeof (n as Node).id === 'string' &&
      typeof (n as Node).type === 'string',
  );
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const warnings: string[] = [];
  const converters = new Map(
    widgetTypes.filter((w) => w.nodeRed).map((w) => [w.nodeRed!.nodeType, w] as const),
  );

  const tabs = nodes.filter((n) => n.type === 'ui_tab').sort(byOrder);
  const groups = nodes.filter((n) => n.type === 'ui_group').sort(byOrder);
  const pages: Page[] = tabs.map((tab) => ({
    id: tab.id,
    title: String(tab.name || t('widgets:nodeRed.page')),
    ...(typeof tab.icon === 'string' && tab.icon ? { icon: tab.icon } : {}),
    groups: [],
  }));
  const pageById = new Map(pages.map((p) => [p.id, p]));
  const groupById = new Map<string, Group>();
  for (const g of groups) {
    const page = pageById.get(String(g.tab)) ?? pages[0];
    if (!page) continue;
    const group: Group = {
      id: g.id,
      title: String(g.name ?? ''),
      width: Math.min(24, Math.max(1, Number(g.width) || 6)),
      showTitle: g.disp !== false,
      widgets: [],
    };
    groupById.set(g.id, group);
    page.groups.push(group);
  }

  const widgets = nodes.filter(
    (n) =>
      n.type.startsWith('ui_') && !['ui_tab', 'ui_group', 'ui_base', 'ui_spacer'].includes(n.type),
  );
  for (const n of widgets.sort(byOrder)) {
    const def = converters.get(n.type);
    const group = groupById.get(String(n.group));
    if (!def?.nodeRed) {
      warnings.push(
        t('widgets:nodeRed.noWidget', { name: String(n.label || n.name || n.type), type: n.type }),
      );
      continue;
    }
    if (!group) {
      warnings.push(t('widgets:nodeRed.noGroup', { name: String(n.label || n.name || n.type) }));
      continue;
    }
    const out = wiresOf(n)
      .map((id) => byId.get(id))
      .find((m) => m?.type === 'mqtt out');
    const inNode = nodes.find((m) => m.type === 'mqtt in' && wiresOf(m).includes(n.id));
    const ctx: NodeRedContext = {
      node: n,
      ...(out
        ? {
            publishTo: {
              topic: String(out.topic || n.topic || ''),
              qos: toQos(out.qos),
              retain: out.retain === true || out.retain === 'true',
            },
          }
        : {}),
      ...(inNode
        ? { subscribeTo: { topic: String(inNode.topic ?? ''), qos: toQos(inNode.qos) } }
        : {}),
    };
    group.widgets.push({
      id: n.id,
      type: def.type,
      version: def.version,
      config: def.nodeRed.convert(ctx),
    });
  }

  const dashboard = dashboardSchema.parse({
    id: options.id,
    title: options.title,
    pages:
      pages.length > 0 ? pages : [{ id: 'home', title: t('widgets:nodeRed.home'), groups: [] }],
  });
  return { dashboard, warnings };
}

function byOrder(a: Node, b: Node): number {
  return (Number(a.order) || 0) - (Number(b.order) || 0);
}
