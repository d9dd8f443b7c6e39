import type { Group, WidgetEnvelope, WidgetLayout } from '@/dashboard/schema';
import { parseWidget } from './registry';

/** One grid row, in px (Node-RED's 48 px cell); widgets are whole rows high. */
export const ROW_HEIGHT = 48;
/** Space between widgets, in px. */
export const GRID_GAP = 8;

/** What a widget takes when it has no stored place: its type's size, full width if unknown. */
export function defaultSize(widget: WidgetEnvelope, cols: number): { w: number; h: number } {
  const parsed = parseWidget(widget);
  const size = parsed.ok ? parsed.definition.defaultSize : { w: 'full' as const, h: 3 };
  return { w: size.w === 'full' ? cols : Math.min(size.w, cols), h: size.h };
}

/**
 * Every widget's place in the group's grid (columns = the group's width). Stored places are
 * kept (clamped to the columns); widgets without one go below the others, in order — so a
 * widget added or imported without a layout never lands on top of another.
 */
export function resolveLayout(
  group: Group,
): Array<{ widget: WidgetEnvelope; layout: WidgetLayout }> {
  const cols = group.width;
  let bottom = 0;
  const placed = group.widgets.map((widget) => {
    if (!widget.layout) return { widget, layout: null };
    const w = Math.min(widget.layout.w, cols);
    const layout = { ...widget.layout, w, x: Math.min(widget.layout.x, cols - w) };
    bottom = Math.max(bottom, layout.y + layout.h);
    return { widget, layout };
  });
  return placed.map(({ widget, layout }) => {
    if (layout) return { widget, layout };
    const size = defaultSize(widget, cols);
    const auto = { x: 0, y: bottom, ...size };
    bottom += size.h;
    return { widget, layout: auto };
  });
}

/** Reading order (top to bottom, then left to right): the order on narrow screens. */
export function readingOrder<T extends { layout: WidgetLayout }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.layout.y - b.layout.y || a.layout.x - b.layout.x);
}
