import type { ReactNode } from 'react';
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

/** The MQTT side of a Node-RED dashboard node, resolved from the flow's wires. */
export interface NodeRedContext {
  /** The ui_* node itself. */
  readonly node: Readonly<Record<string, unknown>>;
  /** The `mqtt out` node this widget is wired to, if any. */
  readonly publishTo?: { topic: string; qos: QoS; retain: boolean };
  /** The `mqtt in` node wired to this widget, if any. */
  readonly subscribeTo?: { topic: string; qos: QoS };
}

/**
 * A widget type. Methods (not arrow properties) on purpose: their parameters are checked
 * bivariantly, so every definition fits the registry's `WidgetDefinition<unknown>` list.
 */
export interface WidgetDefinition<C = unknown> {
  readonly type: string;
  readonly name: string;
  readonly description: string;
  /** Config version; bump it together with `migrate`. */
  readonly version: number;
  /** The config's single source of truth: types via z.infer, defaults via `.default()`. */
  readonly schema: z.ZodType<C>;
  View(props: WidgetViewProps<C>): ReactNode;
  /** The title shown on the widget's card and used as its accessible name. */
  title(config: C): string;
  /** Topic filters the widget needs subscribed. */
  subscriptions(config: C): ReadonlyArray<{ topic: string; qos: QoS }>;
  /** The topic (or filter) whose latest message the View receives as `value`. */
  stateTopic?(config: C): string | undefined;
  /** Import from a Node-RED dashboard node of `nodeRed.nodeType`. */
  readonly nodeRed?: { readonly nodeType: string; convert(ctx: NodeRedContext): unknown };
  /** Bring an older stored config up to `version`. */
  migrate?(old: unknown, fromVersion: number): unknown;
}

/** Declare a widget type; gives type inference from the schema. */
export function defineWidget<C>(definition: WidgetDefinition<C>): WidgetDefinition<C> {
  return definition;
}
