import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Files matching `files` may not import from the `banned` (higher) layers. */
function layer(files, banned) {
  return {
    files: [files],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: banned, message: 'Imports flow one way (docs/design.md).' }] },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist', 'data', 'test-results', 'playwright-report', 'node_modules'] },
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
  // Imports flow one way: app → editor → widgets → dashboard/stores/mqtt → components.
  layer('src/editor/**', ['@/app/*']),
  layer('src/widgets/**', ['@/app/*', '@/editor/*']),
  layer('src/{dashboard,stores,mqtt}/**', ['@/app/*', '@/editor/*', '@/widgets/*']),
  layer('src/components/**', [
    '@/app/*',
    '@/editor/*',
    '@/widgets/*',
    '@/dashboard/*',
    '@/stores/*',
    '@/mqtt/*',
  ]),
  {
    // A widget never imports another widget; it may use the shared modules beside the folders.
    files: ['src/widgets/*/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '../*',
                '!../types',
                '!../shared-schema',
                '!../shared-fields',
                '!../payload-template',
                '!../rules',
                '!../throttle',
                '!../live-history',
                '!../test-utils',
                '@/widgets/*/**',
                '@/app/*',
                '@/editor/*',
              ],
              message:
                'Imports flow one way, and a widget never imports another widget or the registry.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts', 'e2e/**/*.ts', 'scripts/**/*.ts', '*.config.{ts,js}'],
    languageOptions: { globals: globals.node },
  },
);
