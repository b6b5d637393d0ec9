import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules', 'cdk.out', 'dist', 'knowledge/build', '.data', 'coverage', 'test-artifacts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The core is plain TypeScript: no AWS, Bot Framework, middy or process.env (see README, "Architecture").
    files: ['functions/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '@aws-sdk/*',
            'aws-cdk-lib',
            'aws-cdk-lib/*',
            'botbuilder*',
            '@middy/*',
            'node:*',
            '../adapters/*',
            '../channels/*',
            '#adapters/*',
            '#shared/*',
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process'],
    },
  },
);
