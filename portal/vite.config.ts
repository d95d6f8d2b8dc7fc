import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getOperationAST, parse } from 'graphql';
import { defineConfig, type Plugin, Visitor } from 'vite';
import { graphql as generatedDocument } from './src/graphql/gql.ts';

const GENERATED = fileURLToPath(new URL('./src/graphql/', import.meta.url));
const PERSISTED_DOCUMENTS = new URL('./src/graphql/persisted-documents.json', import.meta.url);

/** Each operation's text by its SHA-256 hash (hex), as `pnpm codegen` wrote them. */
function persistedDocuments(): Record<string, string> {
  return JSON.parse(readFileSync(PERSISTED_DOCUMENTS, 'utf8')) as Record<string, string>;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Each page's `graphql(`…`)` calls become, in the build, the operation itself: its hash and the
 * text hashed, `{"__meta__":{"hash":…},"body":…}`, which graph.ts sends. So an operation's text
 * ships in the chunk of the page that sends it and nowhere else. Left alone, the calls would ship
 * the generated map from every operation's source to its document (gql.ts), and graph.ts the texts
 * of all of them (persisted-documents.json), in the first script. The client preset's Babel plugin
 * would swap the calls for imports of graphql.ts, but that one module, imported by the search page,
 * would still carry every operation in the first script; and its `embedHashInDocument` mode puts in
 * each document the text as written, while the hash is of the normalized text that
 * persisted-documents.json holds, so the text sent would not be the text hashed.
 *
 * The document a call stands for is what the generated `graphql()` returns for its text, as it did
 * at run time; a text codegen has not seen fails the build. After the build, no chunk may carry an
 * operation that none of its modules sends.
 */
function inlineOperations(): Plugin {
  const lookUp = generatedDocument as unknown as (source: string) => { __meta__?: Record<string, unknown> };
  let documents: Record<string, string> = {};
  const sentBy = new Map<string, Set<string>>();
  return {
    name: 'gzequip-inline-operations',
    buildStart() {
      documents = persistedDocuments();
      sentBy.clear();
    },
    transform(code, id) {
      const file = id.split('?')[0] as string;
      if (!/\.[cm]?[jt]sx?$/.test(file) || file.startsWith(GENERATED) || !code.includes('graphql')) return;
      const program = this.parse(code);
      const names = new Set<string>();
      const edits: { start: number; end: number; text: string }[] = [];
      for (const statement of program.body) {
        if (statement.type !== 'ImportDeclaration' || typeof statement.source.value !== 'string') continue;
        const source = resolve(dirname(file), statement.source.value);
        if (!source.startsWith(GENERATED) || !/^(index|gql)(\.ts)?$/.test(source.slice(GENERATED.length))) continue;
        const kept = statement.specifiers.filter((specifier) => {
          const isGraphql =
            specifier.type === 'ImportSpecifier' &&
            specifier.imported.type === 'Identifier' &&
            specifier.imported.name === 'graphql';
          if (isGraphql) names.add(specifier.local.name);
          return !isGraphql;
        });
        // The import goes with the calls: the generated modules are not to run in the browser.
        if (kept.length < statement.specifiers.length) {
          const rest = kept.map((specifier) => code.slice(specifier.start, specifier.end)).join(', ');
          edits.push({
            start: statement.start,
            end: statement.end,
            text: kept.length ? `import { ${rest} } from ${JSON.stringify(statement.source.value)};` : '',
          });
        }
      }
      if (names.size === 0) return;
      const hashes = new Set<string>();
      const fail = (message: string, at: number) => this.error(`${file}: ${message}`, at);
      new Visitor({
        CallExpression: (call) => {
          if (call.callee.type !== 'Identifier' || !names.has(call.callee.name)) return;
          const [argument] = call.arguments;
          if (call.arguments.length !== 1 || argument?.type !== 'TemplateLiteral' || argument.expressions.length > 0) {
            return fail('graphql() takes one template literal, without substitutions', call.start);
          }
          const source = argument.quasis[0]?.value.cooked ?? '';
          const meta = lookUp(source).__meta__;
          let value: unknown;
          if (typeof meta?.hash === 'string') {
            const body = documents[meta.hash];
            if (body === undefined || sha256(body) !== meta.hash) {
              return fail(
                `the operation's hash ${meta.hash} is not the hash of a persisted document: run pnpm codegen`,
                call.start,
              );
            }
            hashes.add(meta.hash);
            value = { __meta__: { hash: meta.hash }, body };
          } else if (typeof meta?.fragmentName === 'string') {
            // A fragment is spread into the operations that use it; its own text is never sent.
            value = { __meta__: { fragmentName: meta.fragmentName } };
          } else {
            return fail('graphql() of a text codegen has not seen: run pnpm codegen', call.start);
          }
          // As many lines as the call had, so that what follows keeps its line numbers.
          const lines = code.slice(call.start, call.end).split('\n').length - 1;
          edits.push({ start: call.start, end: call.end, text: `(${JSON.stringify(value)}${'\n'.repeat(lines)})` });
        },
      }).visit(program);
      sentBy.set(file, hashes);
      let result = '';
      let at = 0;
      for (const edit of edits.sort((a, b) => a.start - b.start)) {
        result += code.slice(at, edit.start) + edit.text;
        at = edit.end;
      }
      result += code.slice(at);
      // Its import is gone, so any other use of graphql would be left dangling.
      new Visitor({
        Identifier: (identifier) => {
          if (names.has(identifier.name)) fail(`${identifier.name} is used other than as graphql(\`…\`)`, 0);
        },
      }).visit(this.parse(result));
      return { code: result, map: null };
    },
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const generated = chunk.moduleIds.find((id) => id.startsWith(GENERATED));
        if (generated) this.error(`${chunk.fileName} carries ${generated}, every operation's source and document`);
        const sent = new Set(chunk.moduleIds.flatMap((id) => [...(sentBy.get(id.split('?')[0] as string) ?? [])]));
        for (const hash of Object.keys(documents)) {
          if (chunk.code.includes(hash) && !sent.has(hash)) {
            this.error(`${chunk.fileName} carries the operation ${hash}, which none of its modules sends`);
          }
        }
      }
    },
  };
}

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
      const operations = Object.entries(persistedDocuments()).map(([id, body]) => {
        if (sha256(body) !== id) {
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
  plugins: [inlineOperations(), persistedQueryManifest()],
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
