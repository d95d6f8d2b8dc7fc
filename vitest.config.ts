import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// CI asks for a JSON summary too (VITEST_JSON_REPORT=file) to print one pass/fail line.
const jsonReport = process.env.VITEST_JSON_REPORT;

export default defineConfig({
  resolve: {
    // One graphql for tests and Apollo: graphql 16 ships CJS and ESM builds without an exports
    // map, and Vite would otherwise hand tests the ESM copy ("another module or realm").
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
    // One process per tier, files one after another: the federation under test (and its
    // embedded database, seconds to start) starts once and is shared by the tier's files.
    pool: 'forks',
    fileParallelism: false,
    isolate: false,
    reporters: jsonReport ? ['default', 'json'] : ['default'],
    ...(jsonReport ? { outputFile: { json: jsonReport } } : {}),
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['subgraphs/*/test/**/*.test.ts', 'gateway/test/**/*.test.ts', 'portal/test/**/*.test.ts'],
        },
      },
      { extends: true, test: { name: 'federation', include: ['tests/*.test.ts', 'tests/federation/**/*.test.ts'] } },
      // A first start of the whole federation (initdb, migrations, demo data) on a loaded machine takes
      // well over the default; startFederation itself waits up to 120 s.
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], testTimeout: 120_000 } },
      // deploy/: the images, compose file and Kubernetes manifests, checked without a container engine.
      { extends: true, test: { name: 'deploy', include: ['tests/deploy/**/*.test.ts'], testTimeout: 120_000 } },
    ],
  },
});
