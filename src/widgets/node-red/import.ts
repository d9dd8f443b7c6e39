/**
 * Node-RED dashboard flows — Dashboard 1 (`ui_*`, node-red-dashboard) and FlowFuse Dashboard 2
 * (`ui-*`), as a bare array or `{ "flows": [...] }` — into one Tafel dashboard, with a report
 * of every dashboard node: what it became, the topic it got and through which nodes, what was
 * repaired and what was left out. Lenient: a flow with dashboard nodes always imports.
 */
import { dashboardSchema, type Dashboard, type Group, type Page } from '@/dashboard/schema';
import { t } from '@/i18n/i18n';
import { msg, type Message } from '@/i18n/words';
import type { QoS } from '@/mqtt/subscriptions';
import { configuredTopics } from '../kit/topics';
import { widgetTypes } from '../registry';
import type { NodeRedContext, NodeRedSource, WidgetDefinition } from '../types';
import { nodeName, readInbound, readOutbound, type ReadFunction } from './chain';
import { FlowGraph, isDashboardType, outputs, type FlowNode } from './graph';
import { pageIcon } from './icons';
import { nodeTopic } from '../kit/node-red-format';
import { packGroup } from './pack';
import { repairConfig } from './repair';

export type Flavor = 'd1' | 'd2';

export type ReportOutcome = 'widget' | 'repaired' | 'left-out' | 'page' | 'group' | 'spacer';

export interface ReportBinding {
  readonly topic: string;
  /** The nodes between, by name ("json → Pick temperature"); empty = wired straight. */
  readonly via: readonly string[];
}

/** One dashboard node, and what became of it. */
export interface ReportEntry {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly outcome: ReportOutcome;
  /** The Tafel widget type it became. */
  readonly widgetType?: string;
  readonly subscribe: readonly ReportBinding[];
  readonly publish: readonly ReportBinding[];
  /** A widget that has no topic after import: the user must set one. */
  readonly noTopic: boolean;
  readonly notes: readonly Message[];
}

/** An `mqtt-broker` node of the flow: where Node-RED connected. */
export interface ReportBroker {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
}

export interface ImportReport {
  readonly flavor: Flavor | 'mixed';
  readonly counts: {
    readonly pages: number;
    readonly groups: number;
    readonly widgets: number;
    readonly repaired: number;
    readonly leftOut: number;
    readonly noTopic: number;
  };
  readonly entries: readonly ReportEntry[];
  readonly brokers: readonly ReportBroker[];
  /** Said about the whole flow: the theme, several dashboards in one flow. */
  readonly notes: readonly Message[];
}

export interface NodeRedImport {
  dashboard: Dashboard;
  report: ImportReport;
}

/** The nodes of a flow file — a bare array or `{ "flows": [...] }` — or null if it is none. */
export function flowNodes(raw: unknown): unknown[] | null {
  if (Array.isArray(raw)) return raw;
  if (
    typeof raw === 'object' &&
    raw !== null &&
    Array.isArray((raw as { flows?: unknown }).flows)
  ) {
    return (raw as { flows: unknown[] }).flows;
  }
  return null;
}

export const isFlowNode = (n: unknown): n is FlowNode =>
  typeof n === 'object' &&
  n !== null &&
  typeof (n as FlowNode).id === 'string' &&
  typeof (n as FlowNode).type === 'string';

/** Structure, not widgets: pages, groups, the site, themes, links. */
const STRUCTURE = new Set([
  'ui_tab',
  'ui_group',
  'ui_base',
  'ui_link',
  'ui-base',
  'ui-page',
  'ui-group',
  'ui-theme',
  'ui-link',
]);
const SPACERS = new Set(['ui_spacer', 'ui-spacer']);
/** Widgets that have no group in Node-RED: they go to the first page. */
const GROUPLESS = new Set(['ui_toast', 'ui-notification', 'ui_ui_control', 'ui-control']);
/** Why a node with no Tafel counterpart is left out, by type. */
const LEFT_OUT: Readonly<Record<string, Parameters<typeof msg>[0]>> = {
  ui_template: 'widgets:nodeRed.left.template',
  'ui-template': 'widgets:nodeRed.left.template',
  'ui-markdown': 'widgets:nodeRed.left.template',
  ui_form: 'widgets:nodeRed.left.form',
  'ui-form': 'widgets:nodeRed.left.form',
  ui_ui_control: 'widgets:nodeRed.left.control',
  'ui-control': 'widgets:nodeRed.left.control',
  'ui-event': 'widgets:nodeRed.left.control',
  ui_table: 'widgets:nodeRed.left.table',
  'ui-table': 'widgets:nodeRed.left.table',
  ui_audio: 'widgets:nodeRed.left.audio',
  'ui-audio': 'widgets:nodeRed.left.audio',
  ui_worldmap: 'widgets:nodeRed.left.map',
  'ui-file-input': 'widgets:nodeRed.left.file',
  ui_date_picker: 'widgets:nodeRed.left.date',
};
/** Site names Node-RED gives a new dashboard: not worth a title. */
const DEFAULT_SITE_NAMES = new Set(['Node-RED Dashboard', 'My Dashboard', 'Dashboard', '']);

const toQos = (v: unknown): QoS => (v === '1' || v === 1 ? 1 : v === '2' || v === 2 ? 2 : 0);
/** Node-RED's order; groupless widgets (toasts) have none and go last. */
const orderOf = (n: FlowNode) => (GROUPLESS.has(n.type) ? Infinity : Number(n.order) || 0);
const byOrder = (a: FlowNode, b: FlowNode) => orderOf(a) - orderOf(b) || 0;
const text = (v: unknown, max = 200) => (typeof v === 'string' ? v.trim().slice(0, max) : '');

/**
 * A Node-RED flow as one new Tafel dashboard and its report. Throws (in words) only when the
 * input is not a Node-RED flow with dashboard nodes: nothing is ever half-imported.
 * `title`: the dashboard's title when the flow names none (its site, else its first page);
 * with `fixedTitle`, always. `readFunction`: how function nodes are read — pass
 * `readFunctionBody` (function-body.ts, with acorn); without it every function node is
 * reported as one Tafel cannot follow.
 */
export function importNodeRedFlow(
  flow: unknown,
  options: { id: string; title: string; fixedTitle?: boolean; readFunction?: ReadFunction },
): NodeRedImport {
  const list = flowNodes(flow);
  if (!list) throw new Error(t('widgets:nodeRed.notFlow'));
  const nodes = list.filter(isFlowNode);
  const graph = new FlowGraph(nodes);
  const converters = new Map<string, WidgetDefinition>();
  for (const w of widgetTypes)
    for (const type of w.nodeRed?.nodeTypes ?? []) converters.set(type, w);

  const entries: ReportEntry[] = [];
  const notes: Message[] = [];
  // Tafel's ids: the node's own where it is a usable one (≤ 64 characters, not taken yet),
  // else a made one. A hostile or odd flow (repeated or endless ids) still imports.
  const used = new Set<string>();
  const idFor = (wanted: string): string => {
    let id = wanted.length > 0 && wanted.length <= 64 ? wanted : `node-${used.size + 1}`;
    for (let i = 2; used.has(id); i++) id = `${wanted.slice(0, 50)}-${i}`;
    used.add(id);
    return id;
  };
  const flavors = new Set<Flavor>();
  for (const n of nodes) {
    if (n.type.startsWith('ui_')) flavors.add('d1');
    else if (n.type.startsWith('ui-')) flavors.add('d2');
  }

  // The site: its name as the title, its theme said.
  const bases = nodes.filter((n) => n.type === 'ui_base' || n.type === 'ui-base');
  const siteName = bases
    .map((b) =>
      text(b.type === 'ui_base' ? (b.site as { name?: unknown } | undefined)?.name : b.name),
    )
    .find((name) => !DEFAULT_SITE_NAMES.has(name));
  if (bases.filter((b) => b.type === 'ui-base').length > 1) {
    notes.push(msg('widgets:nodeRed.flow.severalBases'));
  }
  for (const b of bases) {
    const theme = (b.theme as { name?: unknown } | undefined)?.name;
    if (theme === 'theme-dark') notes.push(msg('widgets:nodeRed.flow.themeDark'));
  }

  // Pages, in their order. Dashboard 1: ui_tab; Dashboard 2: ui-page.
  const pages: Page[] = [];
  const pageById = new Map<string, Page>();
  const tabs = nodes.filter((n) => n.type === 'ui_tab' || n.type === 'ui-page').sort(byOrder);
  for (const tab of tabs) {
    const { icon, known } = pageIcon(tab.icon);
    const page: Page = {
      id: idFor(tab.id),
      title: text(tab.name) || t('widgets:nodeRed.page'),
      ...(icon ? { icon } : {}),
      groups: [],
    };
    pages.push(page);
    pageById.set(tab.id, page);
    const pageNotes: Message[] = [];
    if (!known) pageNotes.push(msg('widgets:nodeRed.note.icon', { icon: String(tab.icon) }));
    if (tab.hidden === true || tab.disabled === true || tab.visible === 'false') {
      pageNotes.push(msg('widgets:nodeRed.note.hiddenPage'));
    }
    entries.push(entry(tab, 'page', pageNotes));
  }
  const firstPage = (): Page => {
    if (!pages[0]) {
      const home: Page = { id: idFor('home'), title: t('widgets:nodeRed.home'), groups: [] };
      pages.push(home);
      pageById.set(home.id, home);
    }
    return pages[0]!;
  };

  // Groups, in their order, on their page.
  const groupById = new Map<string, Group>();
  for (const g of nodes
    .filter((n) => n.type === 'ui_group' || n.type === 'ui-group')
    .sort(byOrder)) {
    const page = pageById.get(String(g.type === 'ui_group' ? g.tab : g.page)) ?? firstPage();
    const group: Group = {
      id: idFor(g.id),
      title: text(g.name),
      width: Math.min(24, Math.max(1, Math.round(Number(g.width)) || 6)),
      showTitle: g.type === 'ui_group' ? g.disp !== false : g.showTitle !== false,
      widgets: [],
    };
    groupById.set(g.id, group);
    page.groups.push(group);
    entries.push(entry(g, 'group', []));
  }
  /** A group "Imported" on `page`, for widgets whose own group is not in the file. */
  const imported = new Map<Page, Group>();
  const importedGroup = (page: Page): Group => {
    let g = imported.get(page);
    if (!g) {
      g = {
        id: idFor(`${page.id.slice(0, 50)}-imported`),
        title: t('widgets:nodeRed.importedGroup'),
        width: 6,
        showTitle: true,
        widgets: [],
      };
      imported.set(page, g);
      page.groups.push(g);
    }
    return g;
  };

  // Widgets and spacers, in their order, with their size for the packing below.
  const sized = new Map<Group, Array<{ w: number; h: number; widgetIndex: number | null }>>();
  const place = (group: Group, w: number, h: number, widgetIndex: number | null) => {
    const list = sized.get(group) ?? [];
    list.push({ w, h, widgetIndex });
    sized.set(group, list);
  };

  const dashboardNodes = nodes
    .filter((n) => isDashboardType(n.type) && !STRUCTURE.has(n.type))
    .sort(byOrder);
  for (const n of dashboardNodes) {
    const ownGroup = groupById.get(String(n.group));
    if (SPACERS.has(n.type)) {
      if (ownGroup) {
        place(ownGroup, sizeOf(n.width, ownGroup.width), Math.max(1, Number(n.height) || 1), null);
      }
      entries.push(entry(n, 'spacer', []));
      continue;
    }
    const def = converters.get(n.type) ?? templateAsText(n, converters);
    if (!def?.nodeRed) {
      const reason = LEFT_OUT[n.type] ?? 'widgets:nodeRed.left.unknown';
      entries.push(entry(n, 'left-out', [msg(reason, { type: n.type })]));
      continue;
    }
    const nodeNotes: Message[] = [];
    let group = ownGroup;
    if (!group) {
      if (GROUPLESS.has(n.type)) {
        const page = firstPage();
        group = page.groups[0] ?? importedGroup(page);
      } else {
        group = importedGroup(firstPage());
        nodeNotes.push(msg('widgets:nodeRed.note.noGroup'));
      }
    }
    const flavor: Flavor = n.type.startsWith('ui-') ? 'd2' : 'd1';

    // Follow the data: upstream to `mqtt in`, downstream to `mqtt out`.
    const stop = (m: FlowNode) => isDashboardType(m.type);
    const subscribe: ReportBinding[] = [];
    const sources: NodeRedSource[] = [];
    for (const { source, hops } of graph.upstream(n, (m) => m.type === 'mqtt in', stop)) {
      const chain = readInbound(hops, options.readFunction);
      const topic = text(source.topic, 1000);
      if (topic === '')
        nodeNotes.push(msg('widgets:nodeRed.note.dynamicIn', { name: nodeName(source) }));
      nodeNotes.push(...chain.notes);
      if (sources.some((s) => s.topic === topic && s.valuePath === chain.valuePath)) continue;
      sources.push({
        topic,
        qos: toQos(source.qos),
        valuePath: chain.valuePath,
        decimals: chain.decimals,
        label: chain.topic ?? '',
      });
      subscribe.push({ topic, via: chain.via });
    }
    const publish: ReportBinding[] = [];
    let publishTo: NodeRedContext['publishTo'];
    if (outputs(n).flat().length > 0) {
      for (const { sink, hops } of graph.downstream(n, (m) => m.type === 'mqtt out', stop)) {
        const chain = readOutbound(hops, options.readFunction);
        nodeNotes.push(...chain.notes);
        const topic = text(sink.topic, 1000) || chain.topic || nodeTopic(n);
        if (publish.some((p) => p.topic === topic)) continue;
        publish.push({ topic, via: chain.via });
        publishTo ??= {
          topic,
          qos: toQos(sink.qos),
          retain: sink.retain === true || sink.retain === 'true',
        };
      }
      if (publish.length > 1) {
        nodeNotes.push(msg('widgets:nodeRed.note.severalOut', { topic: publish[0]!.topic }));
      }
    }
    if (sources.length > 1 && def.type !== 'chart') {
      nodeNotes.push(msg('widgets:nodeRed.note.severalIn', { topic: sources[0]!.topic }));
    }

    const ctx: NodeRedContext = {
      node: n,
      flavor,
      sources,
      ...(sources[0] ? { subscribeTo: sources[0] } : {}),
      ...(publishTo ? { publishTo } : {}),
      notes: nodeNotes,
    };
    const raw = def.nodeRed.convert(ctx);
    const fixed = repairConfig(def.schema, raw);
    const config = fixed.config;
    const noTopic = configuredTopics(config).length === 0;
    const widgetIndex = group.widgets.length;
    group.widgets.push({ id: idFor(n.id), type: def.type, version: def.version, config });
    const defaultH = def.defaultSize.h;
    place(
      group,
      sizeOf(n.width, group.width),
      Math.max(defaultH, Number(n.height) || 0),
      widgetIndex,
    );
    if (!converters.has(n.type)) {
      nodeNotes.unshift(msg('widgets:nodeRed.note.templateAsText'));
    }
    entries.push({
      id: n.id,
      name: nodeName(n),
      type: n.type,
      outcome: fixed.repairs.length > 0 ? 'repaired' : 'widget',
      widgetType: def.type,
      subscribe,
      publish,
      noTopic,
      notes: [...fixed.repairs, ...dedupe(nodeNotes)],
    });
  }

  // Node-RED flows widgets into its group's columns; their places become Tafel's layout.
  for (const [group, items] of sized) {
    const layouts = packGroup(group.width, items);
    items.forEach((item, i) => {
      if (item.widgetIndex === null) return;
      const w = group.widgets[item.widgetIndex]!;
      group.widgets[item.widgetIndex] = { ...w, layout: layouts[i]! };
    });
  }

  const brokers = nodes
    .filter((n) => n.type === 'mqtt-broker')
    .map((b) => ({
      name: nodeName(b),
      host: text(b.broker, 200),
      port: Number(b.port) || 1883,
      tls: b.usetls === true || b.usetls === 'true',
    }));

  const named = options.fixedTitle ? '' : siteName || text(tabs[0]?.name);
  const title = (named || options.title).slice(0, 200);
  const dashboard = dashboardSchema.parse({
    id: options.id,
    title: title || options.title,
    pages: pages.length > 0 ? pages : [firstPage()],
  });
  const widgets = entries.filter((e) => e.widgetType);
  return {
    dashboard,
    report: {
      flavor: flavors.size > 1 ? 'mixed' : flavors.has('d2') ? 'd2' : 'd1',
      counts: {
        pages: dashboard.pages.length,
        groups: dashboard.pages.reduce((s, p) => s + p.groups.length, 0),
        widgets: widgets.length,
        repaired: entries.filter((e) => e.outcome === 'repaired').length,
        leftOut: entries.filter((e) => e.outcome === 'left-out').length,
        noTopic: widgets.filter((e) => e.noTopic).length,
      },
      entries,
      brokers,
      notes,
    },
  };
}

function entry(n: FlowNode, outcome: ReportOutcome, notes: Message[]): ReportEntry {
  return {
    id: n.id,
    name: nodeName(n),
    type: n.type,
    outcome,
    subscribe: [],
    publish: [],
    noTopic: false,
    notes,
  };
}

/** Node-RED's width 0 is "as wide as the group"; wider than the group is the group. */
function sizeOf(width: unknown, cols: number): number {
  const w = Math.round(Number(width)) || 0;
  return w <= 0 ? cols : Math.min(w, cols);
}

/** A template that only shows a value (`<div>{{msg.payload}} °C</div>`) is a text widget. */
function templateAsText(
  n: FlowNode,
  converters: Map<string, WidgetDefinition>,
): WidgetDefinition | undefined {
  if (n.type !== 'ui_template' && n.type !== 'ui-template') return undefined;
  const markup = String(n.format ?? '');
  if (markup.length > 2000 || /<script|<style|ng-|v-|@click|\bon\w+=/i.test(markup))
    return undefined;
  const placeholders = markup.match(/\{\{[^}]*\}\}/g) ?? [];
  if (placeholders.length !== 1) return undefined;
  if (!/\{\{\s*msg\.payload[\w.[\]"']*\s*(\|[^}]*)?\}\}/.test(placeholders[0]!)) return undefined;
  return converters.get(n.type === 'ui_template' ? 'ui_text' : 'ui-text');
}

function dedupe(notes: Message[]): Message[] {
  const seen = new Set<string>();
  return notes.filter((m) => {
    const k = JSON.stringify(m);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
