import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import i18next from 'eslint-plugin-i18next';
import importX from 'eslint-plugin-import-x';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/, top to bottom (docs/design.md). A layer may import the layers below it,
 * never one above it or a sibling on its own row:
 *
 *   app → editor | sync → widgets → stores → dashboard | mqtt → components → i18n
 */
const LAYERS = [
  ['app'],
  ['editor', 'sync'],
  ['widgets'],
  ['stores', 'recorder'],
  ['dashboard', 'mqtt'],
  ['components'],
  ['i18n'],
];

const layerZones = LAYERS.flatMap((row, i) =>
  row.map((dir) => {
    const above = LAYERS.slice(0, i).flat();
    const siblings = row.filter((d) => d !== dir);
    return {
      target: `./src/${dir}`,
      from: [...above, ...siblings].map((d) => `./src/${d}`),
      message:
        'Imports flow one way: app → editor | sync → widgets → stores | recorder → dashboard | mqtt → components → i18n (docs/design.md).',
    };
  }),
).filter((zone) => zone.from.length > 0);

/**
 * A widget type's folder may use its own files and the widget kit (src/widgets/kit, types.ts),
 * never another widget, the registry or the frame: widget types stay independent. The Node-RED
 * importer (src/widgets/node-red) is not a widget type: it spans them all, through the registry.
 */
const widgetFolders = readdirSync(new URL('./src/widgets', import.meta.url), {
  withFileTypes: true,
})
  .filter((e) => e.isDirectory() && e.name !== 'kit' && e.name !== 'node-red')
  .map((e) => e.name);
const widgetZones = widgetFolders.map((name) => ({
  target: `./src/widgets/${name}`,
  from: './src/widgets',
  except: [`./${name}`, './kit', './types.ts'],
  message:
    'A widget type imports only its own folder and the widget kit (src/widgets/kit, types.ts).',
}));

/** JSX attributes that are markup, not text: the literal-string rule leaves them alone. */
const JSX_ATTRIBUTES_NOT_READ = [
  'className',
  'style',
  'type',
  'key',
  'id',
  'width',
  'height',
  'role',
  'htmlFor',
  'name',
  'rel',
  'target',
  'href',
  'd',
  'viewBox',
  'fill',
  'stroke',
  'points',
  'transform',
  'x',
  'y',
  'x1',
  'x2',
  'y1',
  'y2',
  'r',
  'cx',
  'cy',
  'inputMode',
  'autoComplete',
  'autoCapitalize',
  'enterKeyHint',
  'spellCheck',
  'dateTime',
  'method',
  'value',
  'dataKey',
  'stroke-width',
  'strokeDasharray',
  'strokeWidth',
  'strokeLinecap',
  'textAnchor',
  'dominantBaseline',
  'focusable',
  'aria-hidden',
  'aria-live',
  'aria-orientation',
  'aria-current',
  'aria-haspopup',
  'layout',
  'dy',
  'dx',
  'orientation',
  'scale',
  'tickLine',
  'axisLine',
  'interval',
  'mode',
  'accept',
  'list',
  'capture',
  'path',
  'to',
  'lang',
  'form',
  'data-testid',
  'colorInterpolationFilters',
  'shapeRendering',
  'vectorEffect',
];

/** Not words: numbers and punctuation, units and symbols the same in every language. */
const NOT_WORDS = [
  '^[0-9!-/:-@[-`{-~\\s]+$',
  '^[—–−×…·•°%‰+±→←↑↓]+$',
  '^(°C|°F|%|kWh|W|V|A|hPa|lx|ppm|km/h|m/s|dB|mm|cm|m|s|ms|h|Tafel|MQTT|QoS|JSON|Node-RED|URL|ID)$',
  // Emoji and pictographs. The plugin builds its RegExp without the u flag, so \p{Emoji}
  // matches nothing: surrogate pairs and the BMP's symbol blocks instead.
  '^(?:[\\uD83C-\\uDBFF][\\uDC00-\\uDFFF]|[\\u2190-\\u21FF\\u2300-\\u27BF\\u2B00-\\u2BFF\\uFE0F\\u200D\\s])+$',
];

export default tseslint.config(
  { ignores: ['dist', 'data', 'test-results', 'playwright-report', 'reports', 'node_modules'] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ['**/*.{ts,tsx,js}'],
    languageOptions: { ecmaVersion: 2023 },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat['recommended-latest'], jsxA11y.flatConfigs.recommended],
    languageOptions: { globals: globals.browser },
  },
  {
    // Boundaries by resolved path (relative imports and the @/ alias alike), and no cycles.
    files: ['src/**/*.{ts,tsx}', 'server/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.app.json', 'tsconfig.node.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...layerZones,
            ...widgetZones,
            {
              target: './server',
              from: './src',
              message: 'server/ and src/ share nothing but the wire.',
            },
            {
              target: './src',
              from: './server',
              message: 'server/ and src/ share nothing but the wire.',
            },
          ],
        },
      ],
    },
  },
  {
    // Every word a person sees goes through i18next (src/i18n): a literal in JSX is an error.
    // Symbols and units are no words (the allow-list below); nor are attributes no one reads.
    files: ['src/**/*.tsx'],
    ignores: ['src/**/*.test.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': { exclude: JSX_ATTRIBUTES_NOT_READ },
          words: { exclude: NOT_WORDS },
          // Arguments that are ids and routes, not text.
          callees: {
            exclude: [
              'openDialog',
              'dashboardHref',
              'navigate',
              'i18n(ext)?',
              't',
              'say',
              'msg',
              'field',
              'error',
              'set',
              'update',
            ],
          },
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts', 'e2e/**/*.ts', 'scripts/**/*.ts', '*.config.{ts,js}'],
    languageOptions: { globals: globals.node },
  },
);
