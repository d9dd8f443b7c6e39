// @vitest-environment node
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The lint rule that keeps English out of German mode (eslint.config.js): a word written
 * into JSX is an error; units, symbols and markup attributes are not words.
 */
const eslint = new ESLint({ cwd: process.cwd() });

// (The plugin skips variables named in capitals, as constants: real components are PascalCase.)

async function literalErrors(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: 'src/widgets/planted-view.tsx' });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'i18next/no-literal-string')
    .map((m) => m.message);
}

describe('the literal-string rule', () => {
  it('catches a word planted in JSX text, in an aria-label and in a title', async () => {
    const errors = await literalErrors(
      [
        'export const Empty = () => <p>No value yet</p>;',
        'export const Closer = () => <button aria-label="Close">x</button>;',
        'export const Age = () => <span title="Last update">1</span>;',
      ].join('\n'),
    );
    const said = errors.join('\n');
    expect(said).toMatch(/No value yet/);
    expect(said).toMatch(/aria-label="Close"/);
    expect(said).toMatch(/title="Last update"/);
  });

  it('lets units, symbols, numbers and markup attributes through', async () => {
    const errors = await literalErrors(
      [
        "import { useTranslation } from 'react-i18next';",
        'export const Reading = () => {',
        "  const { t } = useTranslation('widgets');",
        '  return (',
        '    <p className="widget__value" role="status">',
        "      {t('rule.otherwise')} <b>21</b> °C <i>—</i> 50 % <span aria-hidden>×</span> <span>🍳</span> <span>☀️</span>",
        '    </p>',
        '  );',
        '};',
      ].join('\n'),
    );
    expect(errors).toEqual([]);
  });
});
