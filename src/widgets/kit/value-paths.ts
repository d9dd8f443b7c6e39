import { parseValuePath } from '@/mqtt/payload';

export type PathKeys = ReadonlyArray<string | number>;

/** Keys as a Tafel value path: `a.b`, `values[0]`, `["a b"]`. */
export function pathText(keys: PathKeys): string {
  return keys
    .map((k, i) =>
      typeof k === 'number'
        ? `[${k}]`
        : /^[A-Za-z_$][\w$-]*$/.test(k)
          ? `${i === 0 ? '' : '.'}${k}`
          : `[${JSON.stringify(k)}]`,
    )
    .join('');
}

/**
 * A Node-RED message property (`payload.a.b`, `payload["x"]`, `msg.payload.a`) as keys below
 * `msg.payload`, or null when it is not under the payload (`topic`, `status`) or malformed.
 */
export function payloadKeys(property: unknown): PathKeys | null {
  if (typeof property !== 'string') return null;
  const keys = parseValuePath(property.trim().replace(/^msg\./, ''));
  if (!keys || keys[0] !== 'payload') return null;
  return keys.slice(1);
}

/** Join two value paths (the chain's, then the format's). */
export function joinPaths(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return b.startsWith('[') ? a + b : `${a}.${b}`;
}
