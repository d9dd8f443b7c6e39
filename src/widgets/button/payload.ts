/** How the button's payload is typed, as in Node-RED's button (str, num, bool, json). */
export const buttonPayloadTypes = ['text', 'number', 'boolean', 'json'] as const;
export type ButtonPayloadType = (typeof buttonPayloadTypes)[number];

export const buttonPayloadTypeOptions: ReadonlyArray<{ value: ButtonPayloadType; label: string }> =
  [
    { value: 'text', label: 'Text' },
    { value: 'number', label: 'Number' },
    { value: 'boolean', label: 'Boolean (true / false)' },
    { value: 'json', label: 'JSON' },
  ];

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The exact text a press publishes, or why the payload is not of its type. Text goes out as
 * typed (white space included), numbers and booleans trimmed, JSON compacted.
 */
export function encodeButtonPayload(
  payload: string,
  type: ButtonPayloadType,
): { ok: true; text: string } | { ok: false; error: string } {
  const t = payload.trim();
  switch (type) {
    case 'text':
      return { ok: true, text: payload };
    case 'number':
      return NUMBER_RE.test(t) && Number.isFinite(Number(t))
        ? { ok: true, text: t }
        : { ok: false, error: `“${payload}” is not a number` };
    case 'boolean':
      return t === 'true' || t === 'false'
        ? { ok: true, text: t }
        : { ok: false, error: 'Use true or false' };
    case 'json':
      try {
        return { ok: true, text: JSON.stringify(JSON.parse(t)) };
      } catch {
        return { ok: false, error: 'Not valid JSON' };
      }
  }
}

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
