import { useMemo, type CSSProperties } from 'react';
import type { Group } from '@/dashboard/schema';
import type { Publish } from '@/mqtt/connection';
import { GRID_GAP, ROW_HEIGHT, readingOrder, resolveLayout } from './layout';
import { WidgetFrame } from './widget-frame';

/**
 * A group's widgets in view mode: a CSS grid with the group's width as columns and the stored
 * places. No drag library here — that loads only in edit mode. On narrow cards the widgets
 * stack in reading order (styles.css, container query).
 */
export function GroupGrid({ group, publish }: { group: Group; publish: Publish }) {
  const items = useMemo(() => readingOrder(resolveLayout(group)), [group]);
  return (
    <div
      className="group-grid"
      style={
        {
          '--cols': group.width,
          '--row': `${ROW_HEIGHT}px`,
          '--gap': `${GRID_GAP}px`,
        } as CSSProperties
      }
    >
      {items.map(({ widget, layout }) => (
        <div
          key={widget.id}
          className="group-grid__item"
          style={
            {
              '--x': layout.x + 1,
              '--y': layout.y + 1,
              '--w': layout.w,
              '--h': layout.h,
            } as CSSProperties
          }
        >
          <WidgetFrame widget={widget} publish={publish} />
        </div>
      ))}
    </div>
  );
}
