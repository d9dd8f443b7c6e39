import type { WidgetEnvelope } from '@/dashboard/schema';
import { buttonWidget } from './button';
import { chartWidget } from './chart';
import { colorPickerWidget } from './color-picker';
import { dropdownWidget } from './dropdown';
import { gaugeWidget } from './gauge';
import { indicatorWidget } from './indicator';
import { notificationWidget } from './notification';
import { numberInputWidget } from './number-input';
import { sliderWidget } from './slider';
import { switchWidget } from './switch';
import { textWidget } from './text';
import { textInputWidget } from './text-input';
import type { WidgetDefinition } from './types';

/** Every widget type, in the order the picker lists them. Adding a type = one line here. */
export const widgetTypes: readonly WidgetDefinition[] = [
  // Show
  gaugeWidget,
  textWidget,
  chartWidget,
  indicatorWidget,
  notificationWidget,
  // Control
  sliderWidget,
  switchWidget,
  buttonWidget,
  numberInputWidget,
  textInputWidget,
  dropdownWidget,
  colorPickerWidget,
];

const byType = new Map(widgetTypes.map((w) => [w.type, w]));

export function getWidgetType(type: string): WidgetDefinition | undefined {
  return byType.get(type);
}

export type ParsedWidget =
  { ok: true; definition: WidgetDefinition; config: unknown } | { ok: false; reason: string };

const parseCache = new WeakMap<WidgetEnvelope, ParsedWidget>();

/**
 * A stored widget's config, migrated and validated by its type's schema (defaults filled).
 * Cached per envelope object: the config path is immutable, so identity means "unchanged".
 */
export function parseWidget(widget: WidgetEnvelope): ParsedWidget {
  const cached = parseCache.get(widget);
  if (cached) return cached;
  const result = parseUncached(widget);
  parseCache.set(widget, result);
  return result;
}

function parseUncached(widget: WidgetEnvelope): ParsedWidget {
  const definition = getWidgetType(widget.type);
  if (!definition) return { ok: false, reason: `Unknown widget type “${widget.type}”.` };
  let raw: unknown = widget.config ?? {};
  if (widget.version > definition.version) {
    return { ok: false, reason: `This ${definition.name} was saved by a newer Tafel.` };
  }
  if (widget.version < definition.version) {
    if (!definition.migrate) return { ok: false, reason: `No migration from v${widget.version}.` };
    raw = definition.migrate(raw, widget.version);
  }
  const result = definition.schema.safeParse(raw);
  if (!result.success) {
    const reason = result.error.issues
      .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
      .join('; ');
    return { ok: false, reason };
  }
  return { ok: true, definition, config: result.data };
}
