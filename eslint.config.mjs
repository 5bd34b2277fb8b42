// ESLint flat config: typescript-eslint's recommended rules (the set without type information;
// the type-checked one costs minutes per run) and the database boundary of STYLE.md: SQL lives
// in libs/database (repositories) and migrations, nowhere else.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const SQL_START =
  '/^\\s*(SELECT|INSERT\\s+INTO|UPDATE\\s+\\w+\\s+SET|DELETE\\s+FROM|WITH\\s+\\w+\\s+AS)\\b/i';
const SQL_MESSAGE = 'SQL belongs in a typed repository in libs/database/src/repositories.';

const noSqlOutsideDatabase = [
  'error',
  { selector: `Literal[value=${SQL_START}]`, message: SQL_MESSAGE },
  {
    selector: `TemplateLiteral > TemplateElement:first-child[value.raw=${SQL_START}]`,
    message: SQL_MESSAGE,
  },
  { selector: "CallExpression[callee.property.name='query']", message: SQL_MESSAGE },
  { selector: "CallExpression[callee.property.name='createQueryBuilder']", message: SQL_MESSAGE },
];

// The layer direction (STYLE.md §1): apps → services → database, queue, notify, documents →
// domain, common. Each layer names what it may not import.
const MIDDLE = ['@tracker/database', '@tracker/queue', '@tracker/notify', '@tracker/documents'];
const UPPER = { services: ['@tracker/services'], apps: ['**/apps/**'] };
const layer = (files, groups, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }] },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'apps/web/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Chinese text is full of ideographic spaces (U+3000); only code outside text is checked.
      'no-irregular-whitespace': [
        'error',
        { skipStrings: true, skipTemplates: true, skipRegExps: true, skipComments: true },
      ],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'seeds/**/*.ts'],
    ignores: ['libs/database/**', '**/*.spec.ts'],
    rules: { 'no-restricted-syntax': noSqlOutsideDatabase },
  },
  layer(['libs/**/*.ts'], UPPER.apps, 'Libraries never import the apps.'),
  layer(
    [
      'libs/database/**/*.ts',
      'libs/queue/**/*.ts',
      'libs/notify/**/*.ts',
      'libs/documents/**/*.ts',
    ],
    [...UPPER.services, ...UPPER.apps],
    'This library sits below libs/services.',
  ),
  layer(
    ['libs/common/**/*.ts'],
    [...MIDDLE, ...UPPER.services, ...UPPER.apps],
    'libs/common is the bottom layer.',
  ),
  // A later entry replaces the rule for its files, so the domain's list repeats the ones above.
  layer(
    ['libs/domain/**/*.ts'],
    [
      '@nestjs/*',
      'typeorm',
      'ioredis',
      'bullmq',
      'pg',
      'nodemailer',
      '@tracker/common',
      ...MIDDLE,
      ...UPPER.services,
      ...UPPER.apps,
    ],
    'libs/domain is pure TypeScript: no Nest, TypeORM, Redis, I/O or other layers.',
  ),
  {
    // The text validators and the decoder match control characters on purpose.
    files: [
      'libs/common/src/validation/text.ts',
      'libs/documents/src/input/policy-buffer.decoder.ts',
    ],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // pdfjs-dist and iconv-lite are loaded lazily, on the first document that needs them.
    files: [
      'libs/documents/src/input/pdf.reader.ts',
      'libs/documents/src/input/policy-buffer.decoder.ts',
    ],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Held by other changes in flight; clean up when they land.
    files: [
      'apps/api/src/escalations/dto/escalation.dto.ts',
      'apps/api/src/reports/dto/report.dto.ts',
      'libs/common/src/config/secrets.ts',
      'libs/documents/src/facts/document-facts.parser.ts',
    ],
    rules: { '@typescript-eslint/no-unused-vars': 'off', 'no-useless-escape': 'off' },
  },
);
