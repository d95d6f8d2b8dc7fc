import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { getOperationAST, parse } from 'graphql';
import { defineConfig, type Plugin } from 'vite';

/**
 * The persisted-query manifest of every operation the portal sends, in Apollo's format, written
 * beside the built assets: the gateway's safelist mode (PERSISTED_QUERY_SAFELIST) takes it, so a
 * production gateway runs only the portal's operations (and those of other manifests it is given).
 */
function persistedQueryManifest(): Plugin {
  return {
    name: 'gzequip-persisted-query-manifest',
    apply: 'build',
    generateBundle() {
      const documents = JSON.parse(
        readFileSync(new URL('./src/graphql/persisted-documents.json', import.meta.url), 'utf8'),
      ) as Record<string, string>;
      const operations = Object.entries(documents).map(([id, body]) => {
        if (createHash('sha256').update(body).digest('hex') !== id) {
          throw new Error(`persisted-documents.json: ${id} is not the hash of its body; run pnpm codegen`);
        }
        const operation = getOperationAST(parse(body));
        if (!operation?.name) throw new Error(`persisted-documents.json: ${id} is not one named operation`);
        return { id, name: operation.name.value, type: operation.operation, body };
      });
      this.emitFile({
        type: 'asset',
        fileName: 'persisted-query-manifest.json',
        source: `${JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations }, null, 2)}\n`,
      });
    },
  };
}

export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  plugins: [persistedQueryManifest()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No inline scripts or styles: the content security policy allows only 'self'.
    assetsInlineLimit: 0,
    target: 'es2022',
    sourcemap: false,
    modulePreload: { polyfill: false },
    // ECharts (~570 kB before compression) is one chunk that only the chart pages load.
    chunkSizeWarningLimit: 700,
  },
  resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
});
