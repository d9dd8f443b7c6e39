/**
 * The plot's geometry inside its SVG, px: the view sizes the axes with it (before recharts
 * has loaded) and the plot draws with it, so both agree on where the data area is. The right
 * margin holds half an HH:MM label, so the time at the very end (now) can be labelled.
 */
export const PLOT_MARGIN = { top: 8, right: 18, bottom: 0, left: 0 } as const;

/** Height of the time axis under the data area (recharts' default for an x axis). */
export const TIME_AXIS_HEIGHT = 30;
