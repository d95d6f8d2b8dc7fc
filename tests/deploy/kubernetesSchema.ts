/**
 * Kubernetes manifests checked against the API's own OpenAPI schemas, as kubeconform -strict
 * does, without a cluster: kubernetes-models bundles those schemas (Kubernetes 1.3x) compiled
 * into validators, and its TypeScript declarations are generated from the same schemas. The
 * validators check types, formats and required fields but let unknown fields through, so a
 * second pass walks each document along its declared type and names every field the type does
 * not have (`livenessProbe.httpGett`, `spec.replica`): what the API server would drop or refuse.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { repoRoot } from './facts.ts';

export interface Manifest {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** `apps/v1` + `Deployment` → `kubernetes-models/apps/v1/Deployment` (the core group is `v1`). */
export function modelModule(apiVersion: string, kind: string): string {
  return `kubernetes-models/${apiVersion}/${kind}`;
}

/** The schema's complaints about one document (an empty list when it is valid). */
export async function schemaProblems(document: Manifest): Promise<string[]> {
  const { apiVersion, kind } = document;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return ['apiVersion and kind must be strings'];
  let exports: Record<string, unknown>;
  try {
    exports = (await import(modelModule(apiVersion, kind))) as Record<string, unknown>;
  } catch {
    return [`${apiVersion} ${kind} is no kind the Kubernetes API has`];
  }
  const Model = exports[kind] as (new (data: unknown) => { validate(): void }) | undefined;
  if (!Model) return [`${apiVersion} ${kind} is no kind the Kubernetes API has`];
  try {
    new Model(document).validate();
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

/** Reads the declared types of the kinds asked for, once per call (a TypeScript program). */
export function unknownFieldChecker(kinds: { apiVersion: string; kind: string }[]): (document: Manifest) => string[] {
  const distinct = [...new Map(kinds.map((k) => [`${k.apiVersion}/${k.kind}`, k])).values()];
  const file = join(repoRoot, 'tests/deploy/__kubernetes_types__.ts');
  const source = distinct
    .map(
      (k, i) =>
        `import type { I${k.kind} as T${i} } from '${modelModule(k.apiVersion, k.kind)}';\nexport type K${i} = T${i};`,
    )
    .join('\n');
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, language, ...rest) =>
    name === file ? ts.createSourceFile(name, source, language) : getSourceFile.call(host, name, language, ...rest);
  host.fileExists = (name) => name === file || fileExists.call(host, name);
  host.readFile = (name) => (name === file ? source : readFile.call(host, name));
  const program = ts.createProgram([file], options, host);
  const checker = program.getTypeChecker();
  const sourceFile = program.getSourceFile(file);
  if (!sourceFile) throw new Error('the declared types could not be read');
  const unresolved = ts
    .getPreEmitDiagnostics(program, sourceFile)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  if (unresolved.length > 0) throw new Error(`kubernetes-models' types: ${unresolved.join('; ')}`);
  const moduleSymbol = checker.getSymbolAtLocation(sourceFile);
  const types = new Map<string, ts.Type>();
  for (const [i, k] of distinct.entries()) {
    const alias = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === `K${i}`);
    if (!alias) throw new Error(`no declared type for ${k.apiVersion} ${k.kind}`);
    types.set(`${k.apiVersion}/${k.kind}`, checker.getDeclaredTypeOfSymbol(alias));
  }

  const typeOfProperty = (symbol: ts.Symbol): ts.Type => checker.getTypeOfSymbol(symbol);

  function walk(value: unknown, type: ts.Type, path: string, problems: string[]): void {
    if (value === null || typeof value !== 'object') return;
    let declared = checker.getNonNullableType(type);
    if (declared.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return;
    if (declared.isUnion()) {
      const objects = declared.types.filter((member) => member.flags & ts.TypeFlags.Object);
      if (objects.length !== 1) return;
      declared = objects[0] as ts.Type;
    }
    if (Array.isArray(value)) {
      const element = checker.getIndexInfoOfType(declared, ts.IndexKind.Number)?.type;
      if (element) {
        for (const [i, item] of value.entries()) walk(item, element, `${path}[${i}]`, problems);
      }
      return;
    }
    const map = checker.getIndexInfoOfType(declared, ts.IndexKind.String);
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      const property = checker.getPropertyOfType(declared, key);
      if (property) walk(child, typeOfProperty(property), childPath, problems);
      else if (map) walk(child, map.type, childPath, problems);
      else problems.push(`${childPath}: no such field in ${checker.typeToString(declared)}`);
    }
  }

  return (document) => {
    const type = types.get(`${String(document.apiVersion)}/${String(document.kind)}`);
    if (!type) return [`${String(document.apiVersion)} ${String(document.kind)}: no declared type`];
    const problems: string[] = [];
    walk(document, type, '', problems);
    return problems;
  };
}
