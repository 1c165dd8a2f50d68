import nx from '@nx/eslint-plugin';
import path from 'node:path';

// A domain of the API is a top-level folder of apps/api/src (and each folder of common/). Inside a domain, files
// import each other relatively; another domain is imported through its public file, '@api/<domain>' (index.ts).
const API_SRC = path.resolve('apps/api/src');
const apiDomain = (file) => {
  const rel = path.relative(API_SRC, file).split(path.sep);
  if (rel[0].startsWith('..') || rel.length === 1) return null;
  return rel[0] === 'common' && rel.length > 2 ? `common/${rel[1]}` : rel[0];
};
const apiDomains = {
  rules: {
    'cross-domain-imports': {
      meta: { type: 'problem', schema: [] },
      create(context) {
        const file = context.filename;
        const own = apiDomain(file);
        if (!file.startsWith(API_SRC + path.sep)) return {};
        const check = (node) => {
          const spec = node.source?.value;
          if (typeof spec !== 'string') return;
          if (spec.startsWith('.')) {
            const target = apiDomain(path.resolve(path.dirname(file), spec));
            if (target !== own && target !== null)
              context.report({ node: node.source, message: `Import the ${target} domain through its public file '@api/${target}', not a relative path into it.` });
          } else if (spec.startsWith('@api/')) {
            const target = spec.slice(5);
            if (target === own) context.report({ node: node.source, message: `Inside ${own}, import its files relatively, not through its own public file.` });
            else if (apiDomain(path.join(API_SRC, target, 'index.ts')) !== target)
              context.report({ node: node.source, message: `'${spec}' reaches inside a domain: import its public file '@api/${apiDomain(path.join(API_SRC, target))}'.` });
          }
        };
        return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
      },
    },
  },
};

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/.nx', '**/node_modules', '**/.data', 'coverage', '**/*.d.mts'] },
  {
    files: ['apps/api/src/**/*.ts'],
    plugins: { 'api-domains': apiDomains },
    rules: { 'api-domains/cross-domain-imports': 'error' },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      // api and web never import each other; both may use libs/shared, which imports neither.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          // The API imports its own domains through '@api/<domain>' (checked by api-domains/cross-domain-imports).
          allowCircularSelfDependency: true,
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
  {
    // The web's foundations sit below its domains: the message catalogue and the query keys import no domain folder.
    files: ['apps/web/src/i18n/**/*.ts', 'apps/web/src/i18n/**/*.tsx', 'apps/web/src/query-keys.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../*', '!../i18n', '!../i18n/*', '!../vi', './*/*', '!./messages/*', '!./i18n/*'], message: 'i18n and query-keys must not import a domain folder: move the type to libs/shared or let the domain pass it in.' }] }],
    },
  },
];
