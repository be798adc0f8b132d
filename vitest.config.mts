import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const alias = {
  '@': root,
  // `server-only` throws outside Next's server bundles; tests run on the server side anyway.
  'server-only': fileURLToPath(new URL('./tests/support/server-only-stub.ts', import.meta.url)),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          exclude: ['**/*.int.test.ts', 'node_modules/**', 'e2e/**', '.state/**', '.next/**'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts'],
          exclude: ['node_modules/**', '.state/**', '.next/**', 'tests/lab/**'],
          setupFiles: ['tests/support/require-stack.ts'],
          // next-auth imports 'next/server' without the .js Node's ESM resolver wants: let Vite
          // resolve it, so tests can call route handlers through the real auth path.
          server: { deps: { inline: ['next-auth'] } },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Integration files share one dockerd, etcd and database: run them one at a time.
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          // The multi-host lab (scripts/lab): run by tests/lab/run, which brings the lab up first.
          name: 'lab',
          setupFiles: ['tests/support/require-lab.ts'],
          include: ['tests/lab/**/*.int.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
