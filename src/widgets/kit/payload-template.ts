/** A value a publishing widget sends. */
export type TemplateValue = string | number | boolean;

/**
 * The payload for `value`: the template with every `{value}` replaced, or the value alone
 * when the template is empty. Inside a JSON template a string value goes in as JSON text
 * when the placeholder stands unquoted (`{"mode": {value}}` → `{"mode": "eco"}`), so the
 * result stays valid JSON; numbers and booleans go in as they are.
 */
export function renderPayload(template: string, value: TemplateValue): string {
  if (template.trim() === '') return String(value);
  const looksJson = isJsonTemplate(template);
  return template.replace(/("?)\{value\}("?)/g, (_m, open: string, close: string) => {
    if (open && close) return `"${typeof value === 'string' ? jsonInner(value) : String(value)}"`;
    const raw = looksJson && typeof value === 'string' ? JSON.stringify(value) : String(value);
    return open + raw + close;
  });
}

/** A template is JSON when it parses as JSON with a number in place of each placeholder. */
function isJsonTemplate(template: string): boolean {
  if (!/^\s*[[{]/.test(template)) return false;
  try {
    JSON.parse(template.replace(/\{value\}/g, '0'));
    return true;
  } catch {
    return false;
  }
}

function jsonInner(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}
