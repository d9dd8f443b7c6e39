/**
 * A converted widget config that the widget's schema refuses, brought to the nearest valid
 * one — Node-RED accepts settings Tafel does not (max below min, sector limits outside the
 * range, an over-long format) and shows such dashboards fine, so the import must too. Each
 * change is said, for the report.
 */
import type { z } from 'zod';
import { msg, type Message } from '@/i18n/words';

/** The other end of a range, by the field a range error is reported at. */
const RANGE_PAIRS: Readonly<Record<string, string>> = { max: 'min', yMax: 'yMin' };
/** Each repair fixes one issue; a config needing more than this many is reset instead. */
const MAX_ROUNDS = 12;

type Obj = Record<string, unknown>;

export function repairConfig(
  schema: z.ZodType,
  raw: unknown,
): { config: unknown; repairs: Message[] } {
  const config: unknown = structuredClone(raw);
  const repairs: Message[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const result = schema.safeParse(config);
    if (result.success) return { config, repairs };
    const issue = result.error.issues[0]!;
    const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
    const field = path.map(String).join('.');
    const parent = at(config, path.slice(0, -1));
    const last = path.at(-1);
    if (!parent || last === undefined) break;
    const value = parent[last];
    const pair = typeof last === 'string' ? RANGE_PAIRS[last] : undefined;
    if (pair && typeof value === 'number' && typeof parent[pair] === 'number') {
      const low = parent[pair];
      if (value < low) {
        parent[last] = low;
        parent[pair] = value;
        repairs.push(msg('widgets:nodeRed.repair.swapped', { low: pair, high: last }));
      } else {
        parent[last] = low + 1;
        repairs.push(msg('widgets:nodeRed.repair.widened', { field: last, value: low + 1 }));
      }
      continue;
    }
    if (issue.code === 'too_big' && typeof value === 'string') {
      const max = Number((issue as { maximum?: unknown }).maximum);
      parent[last] = value.slice(0, max);
      repairs.push(msg('widgets:nodeRed.repair.cut', { field, max }));
      continue;
    }
    if (issue.code === 'too_big' && Array.isArray(value)) {
      const max = Number((issue as { maximum?: unknown }).maximum);
      parent[last] = value.slice(0, max);
      repairs.push(msg('widgets:nodeRed.repair.fewer', { field, max }));
      continue;
    }
    // Anything else: the field's default (null for sector limits, '' for a bad topic).
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
    repairs.push(msg('widgets:nodeRed.repair.reset', { field, value: short(value) }));
  }
  // Still refused: the type's defaults, with the title kept where it is valid.
  const defaults = schema.safeParse({});
  return {
    config: defaults.success ? defaults.data : {},
    repairs: [...repairs, msg('widgets:nodeRed.repair.defaults')],
  };
}

function at(v: unknown, path: ReadonlyArray<string | number>): Obj | null {
  let cur: unknown = v;
  for (const k of path) {
    if (typeof cur !== 'object' || cur === null) return null;
    cur = (cur as Obj)[k];
  }
  return typeof cur === 'object' && cur !== null ? (cur as Obj) : null;
}

function short(v: unknown): string {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}
