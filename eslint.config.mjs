import nx from '@nx/eslint-plugin';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/.nx', '**/node_modules', '**/.data', 'coverage', '**/*.d.mts'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      // api and web never import each other; both may use libs/shared, which imports neither.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-empty-function': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='describe'][callee.property.name='only']", message: 'describe.only left behind' },
        { selector: "CallExpression[callee.object.name='it'][callee.property.name='only']", message: 'it.only left behind' },
        { selector: "CallExpression[callee.object.name='it'][callee.property.name='skip']", message: 'skipped test left behind' },
        { selector: "CallExpression[callee.object.name='describe'][callee.property.name='skip']", message: 'skipped test left behind' },
      ],
    },
  },
];
