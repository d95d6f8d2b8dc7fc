import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One graphql for tests and Apollo: graphql 16 ships CJS and ESM builds without an exports
    // map, and Vite would otherwise hand tests the ESM copy ("another module or realm").
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    include: ['subgraphs/*/test/**/*.test.ts', 'gateway/test/**/*.test.ts', 'tests/**/*.test.ts'],
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
    // One process for every file: the embedded database and the federation under test start
    // once (PGlite costs seconds to start) and are shared; files run one after another.
    pool: 'forks',
    fileParallelism: false,
    isolate: false,
    // CI asks for a JSON summary too (VITEST_JSON_REPORT=file) to print one pass/fail line.
    reporters: process.env.VITEST_JSON_REPORT ? ['default', 'json'] : ['default'],
    ...(process.env.VITEST_JSON_REPORT ? { outputFile: { json: process.env.VITEST_JSON_REPORT } } : {}),
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
