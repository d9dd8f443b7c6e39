import { afterEach, describe, expect, it } from 'vitest';
import { NAMESPACES, setLanguage, t } from './i18n';
import { LANGUAGES } from './language';
import { resources } from './resources';

/** Every leaf key of a resource tree, dotted: `slider.fields.min`. */
function leafKeys(tree: unknown, prefix = ''): string[] {
  if (tree === null || typeof tree !== 'object') return [prefix];
  return Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) =>
    leafKeys(v, prefix ? `${prefix}.${k}` : k),
  );
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

describe('locale resources', () => {
  it.each(NAMESPACES)('%s: English and German have the same keys', (ns) => {
    const en = new Set(leafKeys(resources.en[ns]));
    const de = new Set(leafKeys(resources.de[ns]));
    const missingInDe = [...en].filter((k) => !de.has(k));
    const missingInEn = [...de].filter((k) => !en.has(k));
    expect({ missingInDe, missingInEn }).toEqual({ missingInDe: [], missingInEn: [] });
  });

  it.each(NAMESPACES)('%s: every plural has its _one and _other, in both languages', (ns) => {
    const incomplete: string[] = [];
    for (const language of LANGUAGES) {
      const keys = new Set(leafKeys(resources[language][ns]));
      for (const k of keys) {
        if (!PLURAL.test(k)) continue;
        const base = k.replace(PLURAL, '');
        for (const form of ['one', 'other']) {
          if (!keys.has(`${base}_${form}`)) incomplete.push(`${language}: ${base}_${form}`);
        }
      }
    }
    expect([...new Set(incomplete)]).toEqual([]);
  });

  it('has no empty strings', () => {
    const empty = LANGUAGES.flatMap((language) =>
      NAMESPACES.flatMap((ns) =>
        leafKeys(resources[language][ns])
          .filter((k) => {
            const v = k
              .split('.')
              .reduce<unknown>(
                (node, part) => (node as Record<string, unknown>)[part],
                resources[language][ns],
              );
            return typeof v !== 'string' || v.trim() === '';
          })
          .map((k) => `${language}/${ns}: ${k}`),
      ),
    );
    expect(empty).toEqual([]);
  });
});

describe('plurals', () => {
  afterEach(() => setLanguage('en'));

  it('gives the singular for 1 and the plural for 5, in English', () => {
    expect(t('widgets:chart.skipped', { count: 1, n: '1' })).toBe('1 value skipped');
    expect(t('widgets:chart.skipped', { count: 5, n: '5' })).toBe('5 values skipped');
  });

  it('gives the singular for 1 and the plural for 5, in German', () => {
    setLanguage('de');
    expect(t('widgets:chart.skipped', { count: 1, n: '1' })).toBe('1 Wert übersprungen');
    expect(t('widgets:chart.skipped', { count: 5, n: '5' })).toBe('5 Werte übersprungen');
    expect(t('widgets:text.more', { count: 1, n: '1' })).toBe('… 1 weiteres Zeichen');
    expect(t('widgets:text.more', { count: 5, n: '5' })).toBe('… 5 weitere Zeichen');
  });
});
