import type { WidgetLayout } from '@/dashboard/schema';

/**
 * Places for a group's widgets as Node-RED's Dashboard lays them out: in order, each at the
 * first free spot from the top left where it fits (its columns are the group's width).
 * Spacers take their room too. Pure and linear in the cells covered.
 */
export function packGroup(
  cols: number,
  items: ReadonlyArray<{ readonly w: number; readonly h: number }>,
): WidgetLayout[] {
  const rows: boolean[][] = [];
  const free = (x: number, y: number, w: number, h: number) => {
    for (let r = y; r < y + h; r++) {
      const row = rows[r];
      if (!row) continue;
      for (let c = x; c < x + w; c++) if (row[c]) return false;
    }
    return true;
  };
  // The first row that still has room: nothing is placed above it again.
  let top = 0;
  return items.map(({ w: width, h }) => {
    const w = Math.min(Math.max(1, width), cols);
    for (let y = top; ; y++) {
      for (let x = 0; x + w <= cols; x++) {
        if (!free(x, y, w, h)) continue;
        for (let r = y; r < y + h; r++) {
          const row = (rows[r] ??= []);
          for (let c = x; c < x + w; c++) row[c] = true;
        }
        while (rows[top] && rows[top]!.filter(Boolean).length >= cols) top++;
        return { x, y, w, h };
      }
    }
  });
}
