/**
 * Black or white, whichever reads better on `background` (#rrggbb), by WCAG contrast, so a
 * label stays legible on any colour the user picks.
 */
export function textColorOn(background: string): '#000000' | '#ffffff' {
  const channel = (i: number) => {
    const c = parseInt(background.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  if (!Number.isFinite(l)) return '#ffffff';
  // Contrast with white: 1.05 / (l + 0.05); with black: (l + 0.05) / 0.05.
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? '#ffffff' : '#000000';
}
