import { issuesText } from '@/components/zod-issues';
import { currentLanguage, t } from '@/i18n/i18n';
import { say } from '@/i18n/message';
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

/** `reason`: in the language on screen when it was parsed (a language switch parses again). */
export type ParsedWidget =
  { ok: true; definition: WidgetDefinition; config: unknown } | { ok: false; reason: string };

const parseCache = new WeakMap<WidgetEnvelope, { result: ParsedWidget; language: string }>();

/**
 * A stored widget's config, migrated and validated by its type's schema (defaults filled).
 * Cached per envelope object: the config path is immutable, so identity means "unchanged".
 */
export function parseWidget(widget: WidgetEnvelope): ParsedWidget {
  const cached = parseCache.get(widget);
  const language = currentLanguage();
  // A failure's reason is words: in another language it is said anew. A config has none.
  if (cached && (cached.result.ok || cached.language === language)) return cached.result;
  const result = parseUncached(widget);
  parseCache.set(widget, { result, language });
  return result;
}

function parseUncached(widget: WidgetEnvelope): ParsedWidget {
  const definition = getWidgetType(widget.type);
  if (!definition) {
    return { ok: false, reason: t('widgets:frame.unknownType', { type: widget.type }) };
  }
  let raw: unknown = widget.config ?? {};
  if (widget.version > definition.version) {
    return { ok: false, reason: t('widgets:frame.newer', { name: say(definition.name) }) };
  }
  if (widget.version < definition.version) {
    if (!definition.migrate) {
      return { ok: false, reason: t('widgets:frame.noMigration', { version: widget.version }) };
    }
    raw = definition.migrate(raw, widget.version);
  }
  const result = definition.schema.safeParse(raw);
  if (!result.success) {
    return { ok: false, reason: issuesText(result.error) };
  }
  return { ok: true, definition, config: result.data };
}
