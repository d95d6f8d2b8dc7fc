/**
 * What `pnpm new-subgraph NAME` writes, worked out before anything is written: whether NAME can
 * be a subgraph, the files of scripts/templates/subgraph/ with NAME in them, and the lines that
 * wire it in. Everything else (codegen, CI, the end-to-end environment) finds a subgraph by its
 * folder.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from './cli.ts';

/** The placeholders of the templates, in file names and contents: `__name__`, `__Name__`, … */
export interface ScaffoldTokens {
  /** `demo`: the folder, the package `@gzequip/demo`, the database schema, the export. */
  name: string;
  /** `Demo`: the start of its GraphQL type names (`DemoItem`). */
  Name: string;
  /** `DEMO`: the start of its settings (`DEMO_DATABASE_URL`, `DEMO_PORT`, `DEMO_URL`). */
  NAME: string;
  port: string;
  /** `20261202093000_demo`: its first migration. */
  migration: string;
}

export const TEMPLATE_DIR = 'scripts/templates/subgraph';
const MAX_NAME_LENGTH = 30;

/** Words PostgreSQL reserves (`pg_get_keywords()`, categories R and T): a schema cannot be named so unquoted. */
const SQL_RESERVED = new Set(
  `all analyse analyze and any array as asc asymmetric authorization binary both case cast check collate collation
  column concurrently constraint create cross default deferrable desc distinct do else end except false fetch for
  foreign freeze from full grant group having ilike in initially inner intersect into is isnull join lateral leading
  left like limit localtime localtimestamp natural not notnull null offset on only or order outer overlaps placing
  primary references returning right select similar some symmetric table tablesample then to trailing true union
  unique user using variadic verbose when where window with public`.split(/\s+/),
);

/** Words JavaScript reserves: the subgraph's definition is exported under its name. */
const JS_RESERVED = new Set(
  `arguments await break case catch class const continue debugger default delete do else enum eval export extends
  false finally for function if implements import in instanceof interface let new null package private protected
  public return static super switch this throw true try typeof var void while with yield`.split(/\s+/),
);

/** Names whose `<NAME>_URL` already means something else: the graph for assessment rounds, the gateway's cache. */
const SETTING_PREFIXES = new Set(['graph', 'redis']);

export function tokensFor(name: string, port: number, now = new Date()): ScaffoldTokens {
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  return {
    name,
    Name: name.charAt(0).toUpperCase() + name.slice(1),
    NAME: name.toUpperCase(),
    port: String(port),
    migration: `${stamp}_${name}`,
  };
}

export function fillTokens(text: string, tokens: ScaffoldTokens): string {
  return text.replace(/__(name|Name|NAME|port|migration)__/g, (_match, token: keyof ScaffoldTokens) => tokens[token]);
}

function readJson<T>(root: string, path: string): T {
  return JSON.parse(readFileSync(join(root, path), 'utf8')) as T;
}

/** The names the workspace's packages go by (`@gzequip/kit`, `@gzequip/gateway`, …). */
function packageNames(root: string): Set<string> {
  const folders = ['gateway', ...readdirSync(join(root, 'subgraphs')).map((folder) => `subgraphs/${folder}`)];
  return new Set(
    folders
      .filter((folder) => existsSync(join(root, folder, 'package.json')))
      .map((folder) => readJson<{ name: string }>(root, `${folder}/package.json`).name),
  );
}

/** Identifiers devEnvironment.ts declares or imports: the subgraph's import must not clash with one. */
function devEnvironmentIdentifiers(root: string): Set<string> {
  const source = readFileSync(join(root, 'scripts/lib/devEnvironment.ts'), 'utf8');
  const names = new Set<string>();
  for (const [, list] of source.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const part of (list as string).split(',')) {
      const local = part
        .trim()
        .split(/\s+as\s+/)
        .pop();
      if (local) names.add(local.replace(/^type\s+/, ''));
    }
  }
  for (const [, name] of source.matchAll(/\b(?:const|let|var|function|class|interface|type)\s+([A-Za-z_$][\w$]*)/g)) {
    names.add(name as string);
  }
  return names;
}

/** Why NAME cannot be a new subgraph, in a sentence that says what to do; null when it can. */
export function nameProblem(name: string, root = repoRoot): string | null {
  const uses = 'it names the folder, the package @gzequip/NAME, the database schema and NAME_DATABASE_URL';
  if (!/^[a-z][a-z0-9]*$/.test(name)) {
    return `${JSON.stringify(name)} cannot be a subgraph name: use lower-case letters and digits, starting with a letter (${uses}), e.g. standards`;
  }
  if (name.length > MAX_NAME_LENGTH) return `"${name}" is too long: at most ${MAX_NAME_LENGTH} characters`;
  if (existsSync(join(root, 'subgraphs', name))) {
    return `subgraphs/${name} already exists: choose another name (to start that one again, remove the folder and the lines that wire it in first)`;
  }
  if (packageNames(root).has(`@gzequip/${name}`)) return `@gzequip/${name} is already a package of this workspace`;
  const composed = readJson<{ subgraphs: Record<string, unknown> }>(root, 'schema/supergraph.config.json').subgraphs;
  if (Object.hasOwn(composed, name)) return `schema/supergraph.config.json already has a subgraph named ${name}`;
  if (SQL_RESERVED.has(name)) {
    return `"${name}" cannot name a database schema (PostgreSQL reserves it): choose another name`;
  }
  if (JS_RESERVED.has(name)) return `"${name}" is a JavaScript reserved word, and the subgraph is exported by its name`;
  if (SETTING_PREFIXES.has(name)) return `${name.toUpperCase()}_URL already means something else: choose another name`;
  if (devEnvironmentIdentifiers(root).has(name)) {
    return `"${name}" is already a name in scripts/lib/devEnvironment.ts, where the subgraph is imported by its name`;
  }
  const { Name } = tokensFor(name, 0);
  const supergraph = readFileSync(join(root, 'schema/supergraph.graphql'), 'utf8');
  const taken = new RegExp(`\\b(${Name}Item\\w*|${name}Items?|(create|update)${Name}Item)\\b`).exec(supergraph);
  if (taken) return `The graph already has a type or field named ${taken[0]}: choose another name`;
  return null;
}

/** The default port after every default port taken (the gateway's 4000, the subgraphs' 4001 and up). */
export function nextDefaultPort(root = repoRoot): number {
  const ports = [4000];
  for (const folder of readdirSync(join(root, 'subgraphs'))) {
    const index = join(root, 'subgraphs', folder, 'src/index.ts');
    if (!existsSync(index)) continue;
    for (const [, port] of readFileSync(index, 'utf8').matchAll(/defaultPort:\s*(\d+)/g)) ports.push(Number(port));
  }
  const composed = readJson<{ subgraphs: Record<string, { url: string }> }>(root, 'schema/supergraph.config.json');
  for (const { url } of Object.values(composed.subgraphs)) {
    const port = /:(\d+)\//.exec(url)?.[1];
    if (port) ports.push(Number(port));
  }
  return Math.max(...ports) + 1;
}

export interface ScaffoldFile {
  /** Relative to the checkout. */
  path: string;
  content: string;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/**
 * The new subgraph's files: every template with its placeholders filled in. Its dependencies get
 * the versions the kit and the root pin, so a new subgraph never brings a second copy of one.
 */
export function scaffoldFiles(tokens: ScaffoldTokens, root = repoRoot): ScaffoldFile[] {
  const templates = join(root, TEMPLATE_DIR);
  const pinned: Record<string, string> = {
    ...readJson<{ devDependencies: Record<string, string> }>(root, 'package.json').devDependencies,
    ...readJson<{ dependencies: Record<string, string> }>(root, 'subgraphs/kit/package.json').dependencies,
  };
  return filesUnder(templates)
    .sort()
    .map((file) => {
      const path = `subgraphs/${tokens.name}/${fillTokens(relative(templates, file), tokens)}`;
      let content = fillTokens(readFileSync(file, 'utf8'), tokens);
      if (path.endsWith('/package.json')) {
        const manifest = JSON.parse(content) as Record<string, Record<string, string>>;
        for (const section of ['dependencies', 'devDependencies']) {
          for (const dependency of Object.keys(manifest[section] ?? {})) {
            const version = pinned[dependency];
            if (version && version !== 'workspace:*')
              (manifest[section] as Record<string, string>)[dependency] = version;
          }
        }
        content = `${JSON.stringify(manifest, null, 2)}\n`;
      }
      return { path, content };
    });
}

export interface WiringEdit {
  path: string;
  /** What the line or lines added do, for the summary. */
  purpose: string;
  before: string;
  after: string;
}

function unexpected(path: string, what: string): never {
  throw new Error(`${path} does not look as expected (${what}); add the subgraph there by hand`);
}

/** `"@gzequip/NAME": "workspace:*"` among the root's devDependencies, in their (alphabetical) order. */
function addWorkspaceDependency(text: string, name: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => /^\s*"devDependencies": \{\s*$/.test(line));
  const end = lines.findIndex((line, i) => i > start && /^\s*\}/.test(line));
  if (start < 0 || end < 0) unexpected('package.json', 'no devDependencies');
  const key = `@gzequip/${name}`;
  const indent = /^\s*/.exec(lines[start + 1] ?? '')?.[0] ?? '    ';
  const entries = lines.slice(start + 1, end);
  const at = entries.findIndex((line) => (/"([^"]+)"/.exec(line)?.[1] ?? '') > key);
  if (at >= 0) {
    lines.splice(start + 1 + at, 0, `${indent}"${key}": "workspace:*",`);
  } else {
    lines[end - 1] = `${lines[end - 1]},`;
    lines.splice(end, 0, `${indent}"${key}": "workspace:*"`);
  }
  return lines.join('\n');
}

/** Its import and its place at the end of `subgraphs`, the list `pnpm start` and the tests run. */
function addToDevEnvironment(text: string, name: string): string {
  const lines = text.split('\n');
  const imports = lines.flatMap((line, i) => (/^import .* from '@gzequip\/[^']+';$/.test(line) ? [i] : []));
  if (imports.length === 0) unexpected('scripts/lib/devEnvironment.ts', "no import from '@gzequip/…'");
  const module = (line: string) => /from '([^']+)'/.exec(line)?.[1] ?? '';
  const next = imports.find((i) => module(lines[i] as string) > `@gzequip/${name}`);
  lines.splice(next ?? (imports.at(-1) as number) + 1, 0, `import { ${name} } from '@gzequip/${name}';`);
  const list = /(export const subgraphs: SubgraphDefinition\[\] = \[)([^\]]*)(\];)/;
  const withImport = lines.join('\n');
  if (!list.test(withImport)) unexpected('scripts/lib/devEnvironment.ts', 'no `export const subgraphs` list');
  return withImport.replace(list, (_match, open: string, items: string, close: string) =>
    // One name a line (ends with a comma and a new line), or all on one line.
    /,\s*$/.test(items)
      ? `${open}${items.replace(/\s*$/, '')}\n  ${name},\n${close}`
      : `${open}${items}, ${name}${close}`,
  );
}

/** Its SDL and default URL, last among the subgraphs composition reads (one line each, as they are). */
function addToSupergraphConfig(text: string, name: string, port: number): string {
  const last = [...text.matchAll(/^(\s*)"[^"]+": \{ "sdl": [^\n]*\}$/gm)].at(-1);
  if (last?.index === undefined) unexpected('schema/supergraph.config.json', 'no subgraph entry');
  const end = last.index + last[0].length;
  const entry = `"${name}": { "sdl": "../subgraphs/${name}/schema.graphql", "url": "http://127.0.0.1:${port}/graphql" }`;
  return `${text.slice(0, end)},\n${last[1]}${entry}${text.slice(end)}`;
}

/** The lines that wire a new subgraph in, each checked to parse before anything is written. */
export function wiringEdits(tokens: ScaffoldTokens, root = repoRoot): WiringEdit[] {
  const { name } = tokens;
  const port = Number(tokens.port);
  const edit = (path: string, purpose: string, change: (text: string) => string): WiringEdit => {
    const before = readFileSync(join(root, path), 'utf8');
    return { path, purpose, before, after: change(before) };
  };
  const edits = [
    edit('package.json', `@gzequip/${name} as a workspace dependency of the scripts and tests`, (text) =>
      addWorkspaceDependency(text, name),
    ),
    edit('scripts/lib/devEnvironment.ts', 'in the subgraphs `pnpm start` and the tests run', (text) =>
      addToDevEnvironment(text, name),
    ),
    edit('schema/supergraph.config.json', `its SDL and default URL, http://127.0.0.1:${port}/graphql`, (text) =>
      addToSupergraphConfig(text, name, port),
    ),
  ];
  const parsed = (edit: WiringEdit | undefined) => {
    try {
      return JSON.parse(edit?.after ?? '');
    } catch {
      return unexpected(edit?.path ?? '', 'it would not parse with the subgraph added');
    }
  };
  if (!parsed(edits[0]).devDependencies?.[`@gzequip/${name}`]) unexpected('package.json', 'no devDependencies');
  if (!parsed(edits[2]).subgraphs?.[name]) unexpected('schema/supergraph.config.json', 'no "subgraphs" object');
  return edits;
}
