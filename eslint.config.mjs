import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'require', 'module', '__dirname', '__filename', 'Buffer', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'URL', 'fetch'].map(
    (name) => [name, 'readonly'],
  ),
);


// One boundary per vendor (docs/architecture.md): each vendor's client is imported in one folder
// only, so every request to it passes the checks that folder applies. Tests, benchmarks and e2e
// set up and inspect real state with the raw clients and are exempt.
const VENDORS = {
  dockerode: { home: 'lib/docker', message: 'Talk to Docker through the EngineClient in lib/docker: every request passes its gate and error translation.' },
  etcd3: { home: 'lib/etcd', message: 'Talk to etcd through the bounded EtcdStore in lib/etcd.' },
  rethinkdbdash: { home: 'prisma-free-db', message: 'Talk to RethinkDB through prisma-free-db.' },
};
const LAYER_RULES = {
  lib: { group: ['@/app/*'], message: 'lib never imports app: pages and routes depend on lib, not the other way.' },
  'prisma-free-db': { group: ['@/lib/*', '@/app/*'], message: 'prisma-free-db depends on nothing in lib or app (shared errors live in errors/).' },
  errors: { group: ['@/*'], message: 'errors/ is the bottom layer: it imports nothing of the project.' },
};
const TEST_FILES = ['**/*.test.ts', '**/*.int.test.ts', '**/*.spec.ts', 'e2e/**', 'e2e-lab/**', 'bench/**', 'tests/**'];

/** no-restricted-imports for one folder: the vendors it is not home to, and its layer's rule. */
function boundaryRules(folder) {
  const paths = Object.entries(VENDORS)
    .filter(([, vendor]) => vendor.home !== folder && !folder.startsWith(`${vendor.home}/`))
    .map(([name, vendor]) => ({ name, message: vendor.message }));
  const layer = LAYER_RULES[folder.split('/')[0]];
  return { 'no-restricted-imports': ['error', { paths, patterns: layer ? [layer] : [] }] };
}

const boundaryBlocks = [
  { files: ['**/*.ts', '**/*.tsx'], ignores: TEST_FILES, rules: boundaryRules('.') },
  ...['lib', 'prisma-free-db', 'errors', ...Object.values(VENDORS).map((vendor) => vendor.home).filter((home) => home.startsWith('lib/'))].map((folder) => ({
    files: [`${folder}/**/*.ts`, `${folder}/**/*.tsx`],
    ignores: TEST_FILES,
    rules: boundaryRules(folder),
  })),
  {
    // One typed browser client (app/components/api) for the REST API.
    files: ['app/**/*.ts', 'app/**/*.tsx'],
    ignores: ['app/api/**', 'app/components/api/api-client.ts', ...TEST_FILES],
    rules: { 'no-restricted-globals': ['error', { name: 'fetch', message: 'Call the REST API through `api` from @/app/components/api/api-client.' }] },
  },
];

export default tseslint.config(
  { ignores: ['node_modules/', '.next/', '.state/', 'dist/', 'test-results/', 'playwright-report/', 'next-env.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: nodeGlobals },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'CallExpression[callee.property.name="only"]', message: 'no .only in tests' }],
    },
  },
  {
    // TypeScript itself reports undefined names, with the real types of the environment.
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    rules: { 'no-undef': 'off' },
  },
  ...boundaryBlocks,
  {
    files: ['**/*.cjs', 'next.config.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
