import { type ReactNode } from 'react';
import { GridLayout, useContainerWidth, verticalCompactor, type Layout } from 'react-grid-layout';
import 'react-grid-layout/css/styles.css';
import type { Group, WidgetLayout } from '@/dashboard/schema';
import { GRID_GAP, ROW_HEIGHT, readingOrder, resolveLayout } from '@/widgets/layout';

/** Dragged by the chrome's handle, resized from the lower right corner (selectors, not words). */
const DRAG = { enabled: true, handle: '.widget-chrome__handle' };
const RESIZE = { enabled: true, handles: ['se' as const] };

interface Props {
  group: Group;
  /** Positions after a drag or resize, by widget id. */
  onLayout(layouts: Record<string, WidgetLayout>): void;
  /** One widget, in its edit chrome. */
  renderWidget(widgetId: string): ReactNode;
}

/**
 * The group's grid in edit mode: widgets are dragged by their handle and resized from the
 * corner (react-grid-layout). Loaded lazily with the editor. Only a finished drag or resize
 * is reported, so entering edit mode or a mid-drag frame never becomes an undo step.
 */
export default function GroupGridEditor({ group, onLayout, renderWidget }: Props) {
  const { width, containerRef, mounted } = useContainerWidth();
  const layout: Layout = readingOrder(resolveLayout(group)).map(({ widget, layout: l }) => ({
    i: widget.id,
    ...l,
    minW: 1,
    minH: 1,
  }));
  const report = (next: Layout) => {
    const out: Record<string, WidgetLayout> = {};
    for (const item of next) out[item.i] = { x: item.x, y: item.y, w: item.w, h: item.h };
    onLayout(out);
  };
  return (
    <div ref={containerRef} className="group-grid-editor">
      {mounted && (
        <GridLayout
          width={width}
          layout={layout}
          gridConfig={{
            cols: group.width,
            rowHeight: ROW_HEIGHT,
            margin: [GRID_GAP, GRID_GAP],
            containerPadding: [0, 0],
          }}
          dragConfig={DRAG}
          resizeConfig={RESIZE}
          compactor={verticalCompactor}
          onDragStop={(l) => report(l)}
          onResizeStop={(l) => report(l)}
        >
          {layout.map((item) => (
            <div key={item.i} className="group-grid-editor__item">
              {renderWidget(item.i)}
            </div>
          ))}
        </GridLayout>
      )}
    </div>
  );
}
