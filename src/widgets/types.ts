import type { ComponentType } from 'react';
import { lazyRetry } from '@/components/lazy-retry';
import type { Message, Text } from '@/i18n/message';
import type { z } from 'zod';
import type { Publish } from '@/mqtt/connection';
import type { QoS } from '@/mqtt/subscriptions';
import type { LiveEntry } from '@/stores/live-store';

/** What a widget's View receives — and all it may read. */
export interface WidgetViewProps<C> {
  readonly config: C;
  /** The latest message on the widget's state topic; undefined until one arrives. */
  readonly value: LiveEntry | undefined;
  readonly publish: Publish;
  /** Id of the widget's visible title, for `aria-labelledby` on its main control. */
  readonly labelId: string;
}

/** One `mqtt in` feeding a widget, and what the nodes between do to its value. */
export interface NodeRedSource {
  /** The `mqtt in`'s topic or filter ('' = set at run time: the widget needs one). */
  readonly topic: string;
  readonly qos: QoS;
  /** Below the payload, from `change`/`function`/`template` nodes on the way ('' = all). */
  readonly valuePath: string;
  /** Rounded on the way (Math.round, toFixed), or null. */
  readonly decimals: number | null;
  /** A topic set on the way (Node-RED's series label), or ''. */
  readonly label: string;
}

/** The MQTT side of a Node-RED dashboard node, resolved from the flow's graph. */
export interface NodeRedContext {
  /** The ui_* / ui-* node itself. */
  readonly node: Readonly<Record<string, unknown>>;
  /** Dashboard 1 (`ui_*`) or FlowFuse Dashboard 2 (`ui-*`): some fields differ. */
  readonly flavor?: 'd1' | 'd2';
  /** The `mqtt out` this widget feeds (through any chain), if any. */
  readonly publishTo?: { topic: string; qos: QoS; retain: boolean };
  /** The first `mqtt in` that feeds it, if any. */
  readonly subscribeTo?: NodeRedSource;
  /** Every `mqtt in` that feeds it (a chart draws one series each). */
  readonly sources?: readonly NodeRedSource[];
  /** What the converter could not carry over, for the import report. */
  readonly notes?: Message[];
}

/** How a widget type comes from Node-RED: the node types, and the config it makes of one. */
export interface NodeRedConverter {
  readonly nodeTypes: readonly string[];
  convert(ctx: NodeRedContext): unknown;
}

/**
 * One setting in the generic settings form; `key` is the config property it edits (a key of
 * the widget's config `C`, so a misspelt key fails to compile).
 */
export type FieldSpec<C = Record<string, unknown>> = {
  readonly key: Extract<keyof C, string>;
  readonly label: Text;
  /** A short hint under the field. */
  readonly help?: Text;
} & (
  | { readonly kind: 'text'; readonly placeholder?: Text }
  /** Several lines (templates, JSON payloads). */
  | { readonly kind: 'textarea'; readonly placeholder?: Text }
  | { readonly kind: 'color' }
  /**
   * A list of objects (rules, options, series): one row of `fields` per item, with add and
   * remove. `newItem` is what "Add" appends.
   */
  | {
      readonly kind: 'list';
      readonly fields: readonly FieldSpec[];
      readonly newItem: Readonly<Record<string, unknown>>;
      readonly addLabel: Text;
      /**
       * What one item is, for the names a screen reader reads: "series" gives "Series 1" and
       * "Remove series 1". Without it, the field's label.
       */
      readonly itemLabel?: Text;
    }
  /** A topic: `publish` refuses wildcards, `subscribe` allows + and # as whole levels. */
  | {
      readonly kind: 'topic';
      readonly mode: 'publish' | 'subscribe';
      readonly placeholder?: Text;
    }
  /** `nullable`: an empty field means null (e.g. "automatic"). */
  | { readonly kind: 'number'; readonly nullable?: boolean; readonly placeholder?: Text }
  | {
      readonly kind: 'select';
      readonly options: ReadonlyArray<{ readonly value: string | number; readonly label: Text }>;
    }
  | { readonly kind: 'boolean' }
  /** A fixed number of colours (a tuple in the config). */
  | { readonly kind: 'colors'; readonly labels: readonly Text[] }
);

/** What a message tells the person, as a toast, whichever page is on screen. */
export interface WidgetAlert {
  readonly kind: 'info' | 'warning' | 'error';
  readonly text: string;
  /** Milliseconds until it goes by itself; undefined = until dismissed. */
  readonly timeoutMs?: number;
}

/** One topic filter a widget needs. */
export interface WidgetSubscription {
  readonly topic: string;
  readonly qos: QoS;
  readonly history?: boolean;
}

/** A widget's size when first placed, in grid units; `w: 'full'` spans the group. */
export interface WidgetSize {
  readonly w: number | 'full';
  readonly h: number;
}

/**
 * A widget type as the app uses it (the registry's list; the config is opaque here, the
 * widget's own schema checks it). Made by `defineWidget` from a {@link WidgetSpec}.
 */
export interface WidgetDefinition {
  readonly type: string;
  /** What the picker and the settings panel call the type. */
  readonly name: Text;
  readonly description: Text;
  /** Config version; bump it together with `migrate`. */
  readonly version: number;
  /** The config's single source of truth: types via z.infer, defaults via `.default()`. */
  readonly schema: z.ZodType;
  /** The widget's body (the frame draws its title), loaded when first shown: the frame suspends. */
  readonly View: ComponentType<WidgetViewProps<unknown>>;
  /** Start loading the View now (a dashboard that shows this type is being opened). */
  preload(): Promise<unknown>;
  /** The settings form, generated by the editor. */
  readonly fields: readonly FieldSpec[];
  /** Size when first placed. */
  readonly defaultSize: WidgetSize;
  /** SVG path data (24×24 viewBox) for the picker. */
  readonly icon: string;
  /** The title shown on the widget's card and used as its accessible name. */
  title(config: unknown): string;
  /**
   * Topic filters the widget needs subscribed; `history`: the live path also keeps their
   * recent messages (a chart shown later still gets the points it missed).
   */
  subscriptions(config: unknown): ReadonlyArray<WidgetSubscription>;
  /** The topic (or filter) whose latest message the View receives as `value`. */
  stateTopic?(config: unknown): string | undefined;
  /** Seconds without a message after which the widget is marked stale; null = never. */
  staleAfter(config: unknown): number | null;
  /**
   * A toast for a new message on the state topic (every message, not one per frame), or
   * null. Runs for every widget of the dashboard on screen, on whatever page it is.
   */
  alert?(config: unknown, entry: LiveEntry): WidgetAlert | null;
  /** Import from Node-RED dashboard nodes of these types (Dashboard 1 and 2). */
  readonly nodeRed?: NodeRedConverter;
  /** Bring an older stored config up to `version`. */
  migrate?(old: unknown, fromVersion: number): unknown;
}

/**
 * What a widget type's folder declares (its index.ts), typed by its config `C`. Methods, not
 * arrow properties, so their parameters are checked bivariantly.
 */
export interface WidgetSpec<C> {
  readonly type: string;
  readonly name: Text;
  readonly description: Text;
  readonly version: number;
  readonly schema: z.ZodType<C>;
  /**
   * The view, loaded when a dashboard first shows the type:
   * `view: () => import('./gauge-view').then((m) => m.GaugeView)`.
   */
  view(): Promise<ComponentType<WidgetViewProps<C>>>;
  readonly fields: readonly FieldSpec<C>[];
  readonly defaultSize: WidgetSize;
  readonly icon: string;
  title(config: C): string;
  /** The topic (or filter) whose latest message the View receives as `value`. */
  stateTopic?(config: C): string | undefined;
  /** Default: the state topic, at the config's `qos`; none without one. */
  subscriptions?(config: C): ReadonlyArray<WidgetSubscription>;
  /** Default: the config's `staleAfter`, if it has one. */
  staleAfter?(config: C): number | null;
  alert?(config: C, entry: LiveEntry): WidgetAlert | null;
  readonly nodeRed?: NodeRedConverter;
  migrate?(old: unknown, fromVersion: number): unknown;
}

/**
 * Declare a widget type. The view becomes a lazy component here, once (no hand-written
 * `lazy()` per widget); subscriptions and staleness default from the state topic and the
 * config. The one cast of the widget contract: a typed spec becomes an entry of the
 * registry's heterogeneous list.
 */
export function defineWidget<C>(spec: WidgetSpec<C>): WidgetDefinition {
  // A failed download is tried again (components/lazy-retry): a tablet whose server blinked
  // while a widget's code was on its way shows the widget once the server is back.
  const View = lazyRetry(spec.view);
  const preload = View.preload;
  const field = (config: C, key: string): unknown => (config as Record<string, unknown>)[key];
  const subscriptions =
    spec.subscriptions ??
    ((config: C): WidgetSubscription[] => {
      const topic = spec.stateTopic?.(config);
      const qos = field(config, 'qos');
      return topic ? [{ topic, qos: qos === 1 || qos === 2 ? qos : 0 }] : [];
    });
  const staleAfter =
    spec.staleAfter ??
    ((config: C) => {
      const s = field(config, 'staleAfter');
      return typeof s === 'number' ? s : null;
    });
  const { view: _view, ...rest } = spec;
  return { ...rest, View, preload, subscriptions, staleAfter } as unknown as WidgetDefinition;
}
