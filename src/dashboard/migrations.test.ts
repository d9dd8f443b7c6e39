import { describe, expect, it } from 'vitest';
import { migrate, migrations, type Migration } from './migrations';
import { SCHEMA_VERSION } from './schema';

/** A made-up history: v2 renamed `boards` to `dashboards`, v3 gave each dashboard a revision. */
const steps: Record<number, Migration> = {
  1: ({ boards, ...doc }) => ({ ...doc, dashboards: boards }),
  2: (doc) => ({
    ...doc,
    dashboards: (doc.dashboards as Array<Record<string, unknown>>).map((d) => ({
      ...d,
      revision: 0,
    })),
  }),
};

const v1 = () => ({ schemaVersion: 1, boards: [{ id: 'a', title: 'A' }] });

describe('migrate', () => {
  it('runs every step from the document’s version to the target', () => {
    const result = migrate(v1(), 3, steps);
    expect(result).toEqual({
      ok: true,
      from: 1,
      document: { schemaVersion: 3, dashboards: [{ id: 'a', title: 'A', revision: 0 }] },
    });
  });

  it('starts at the document’s own version', () => {
    const v2 = { schemaVersion: 2, dashboards: [{ id: 'a', title: 'A' }] };
    const result = migrate(v2, 3, steps);
    expect(result.ok && result.from).toBe(2);
    expect(result.ok && result.document).toEqual({
      schemaVersion: 3,
      dashboards: [{ id: 'a', title: 'A', revision: 0 }],
    });
  });

  it('sets schemaVersion after each step, whatever the step returns', () => {
    const seen: unknown[] = [];
    const spy: Record<number, Migration> = {
      1: (doc) => (seen.push(doc.schemaVersion), { schemaVersion: 'wrong' }),
      2: (doc) => (seen.push(doc.schemaVersion), {}),
    };
    const result = migrate({ schemaVersion: 1 }, 3, spy);
    expect(seen).toEqual([1, 2]);
    expect(result.ok && result.document).toEqual({ schemaVersion: 3 });
  });

  it('passes a current document through unchanged', () => {
    const doc = { schemaVersion: 3, dashboards: [] };
    expect(migrate(doc, 3, steps)).toEqual({ ok: true, document: doc, from: 3 });
  });

  it('does not change its input, even when a step mutates what it is given', () => {
    const input = v1();
    const snapshot = structuredClone(input);
    const careless: Record<number, Migration> = {
      ...steps,
      1: (doc) => {
        for (const b of doc.boards as Array<Record<string, unknown>>) b.title = 'changed';
        doc.dashboards = doc.boards;
        delete doc.boards;
        return doc;
      },
    };
    const result = migrate(input, 3, careless);
    expect(result.ok).toBe(true);
    expect(input).toEqual(snapshot);
    migrate(input, 3, steps);
    expect(input).toEqual(snapshot);
  });

  it('reports a missing step', () => {
    const result = migrate(v1(), 3, { 1: steps[1]! });
    expect(result).toEqual({ ok: false, reason: 'no migration from schema 2 to 3' });
  });

  it('refuses a document from a newer Tafel', () => {
    const result = migrate({ schemaVersion: 4, dashboards: [] }, 3, steps);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/newer Tafel.*schema 4.*up to 3/);
  });

  it.each([null, 'text', 42, [], undefined])('refuses %j: not an object', (raw) => {
    const result = migrate(raw, 3, steps);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/expected an object/);
  });

  it.each([
    {},
    { schemaVersion: '1' },
    { schemaVersion: 1.5 },
    { schemaVersion: 0 },
    { schemaVersion: -1 },
  ])('refuses %j: bad schemaVersion', (raw) => {
    const result = migrate(raw, 3, steps);
    expect(result).toEqual({
      ok: false,
      reason: 'schemaVersion is missing or not a whole number ≥ 1',
    });
  });

  it('defaults to the real table and SCHEMA_VERSION, which has a step for every version', () => {
    for (let v = 1; v < SCHEMA_VERSION; v++) expect(migrations[v]).toBeTypeOf('function');
    const doc = { schemaVersion: SCHEMA_VERSION, dashboards: [] };
    expect(migrate(doc)).toEqual({ ok: true, document: doc, from: SCHEMA_VERSION });
    expect(migrate({ schemaVersion: SCHEMA_VERSION + 1 }).ok).toBe(false);
  });
});
