/**
 * What changed for clients between two supergraphs: their API schemas (what a client can query,
 * as the gateway builds it: Apollo's `Supergraph.build(sdl).apiSchema()`, without the join and
 * link machinery or `@inaccessible` parts) compared with graphql-js's `findBreakingChanges` and
 * `findDangerousChanges`, plus the additions. A breaking change passes only when it is listed in
 * `schema/deployed/accepted-breaking-changes.json`. Used by `pnpm schema:diff` and
 * `pnpm schema:deployed`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import {
  DangerousChangeType,
  findBreakingChanges,
  findDangerousChanges,
  type GraphQLNamedType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isRequiredArgument,
  isRequiredInputField,
  isUnionType,
} from 'graphql';
import { repoRoot } from './cli.ts';

export const supergraphPath = 'schema/supergraph.graphql';
export const deployedPath = 'schema/deployed/supergraph.graphql';
export const acceptedPath = 'schema/deployed/accepted-breaking-changes.json';

/** A problem with the input (a file that cannot be read, is not a supergraph …), in one line. */
export class SchemaDiffError extends Error {}

export interface AcceptedBreakingChange {
  /** The change's description exactly as `pnpm schema:diff` prints it. */
  change: string;
  reason: string;
  acceptedBy: string;
}

export interface SchemaChange {
  /** graphql-js's code for it, such as FIELD_REMOVED. */
  type: string;
  description: string;
}

export interface SchemaDiff {
  breaking: SchemaChange[];
  /** The breaking changes that `accepted-breaking-changes.json` lists, with their entry. */
  accepted: (SchemaChange & { entry: AcceptedBreakingChange })[];
  dangerous: SchemaChange[];
  /** New types, fields, optional arguments and optional input fields, as `field Query.x`. */
  additions: string[];
  /** Entries of `accepted-breaking-changes.json` that match no breaking change of this diff. */
  unneeded: AcceptedBreakingChange[];
}

/** The first paragraph of an error message on one line (federation's add the SDL around the fault). */
function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const [paragraph = ''] = message.trim().split(/\n\s*\n/);
  return paragraph.replace(/\s*\n\s*/g, ' ');
}

/** The schema clients see, built from a supergraph's SDL as the gateway builds it. */
export function apiSchemaOf(sdl: string, name: string): GraphQLSchema {
  try {
    return Supergraph.build(sdl).apiSchema().toGraphQLJSSchema();
  } catch (error) {
    throw new SchemaDiffError(`${name} is not a supergraph: ${oneLine(error)}`);
  }
}

/** A file's text, or a SchemaDiffError naming it. */
export function readText(path: string, name = path): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : oneLine(error);
    throw new SchemaDiffError(`cannot read ${name}: ${why}`);
  }
}

export interface Against {
  sdl: string;
  /** How the output names it. */
  name: string;
}

/**
 * The supergraph to compare with: by default the deployed record; `git:REF` is the committed
 * `schema/supergraph.graphql` at that git ref; anything else is a file (relative to `cwd`).
 */
export function loadAgainst(against: string | undefined, root = repoRoot, cwd = process.cwd()): Against {
  if (against === undefined) return { sdl: readText(join(root, deployedPath), deployedPath), name: deployedPath };
  if (against.startsWith('git:')) {
    const ref = against.slice('git:'.length);
    if (!ref) throw new SchemaDiffError('--against git: needs a ref, such as git:origin/main');
    try {
      const sdl = execFileSync('git', ['show', `${ref}:${supergraphPath}`], {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      return { sdl, name: `${supergraphPath} at ${ref}` };
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
      throw new SchemaDiffError(`cannot read ${supergraphPath} at git ref ${ref}: ${stderr || oneLine(error)}`);
    }
  }
  const path = resolve(cwd, against);
  return { sdl: readText(path, against), name: relative(cwd, path) || against };
}

/** The entries of the accepted-breaking-changes file; none when there is no such file. */
export function readAccepted(path = join(repoRoot, acceptedPath), name = acceptedPath): AcceptedBreakingChange[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new SchemaDiffError(`cannot read ${name}: ${oneLine(error)}`);
  }
  let entries: unknown;
  try {
    entries = JSON.parse(text);
  } catch (error) {
    throw new SchemaDiffError(`${name} is not JSON: ${oneLine(error)}`);
  }
  if (!Array.isArray(entries)) throw new SchemaDiffError(`${name} must be an array of { change, reason, acceptedBy }`);
  return entries.map((entry: unknown, index) => {
    const { change, reason, acceptedBy } = (entry ?? {}) as Record<string, unknown>;
    for (const [key, value] of Object.entries({ change, reason, acceptedBy })) {
      if (typeof value !== 'string' || !value.trim()) {
        throw new SchemaDiffError(`${name}: entry ${index + 1} needs "${key}" as text`);
      }
    }
    return { change, reason, acceptedBy } as AcceptedBreakingChange;
  });
}

function kindOf(type: GraphQLNamedType): string {
  if (isObjectType(type)) return 'type';
  if (isInterfaceType(type)) return 'interface';
  if (isUnionType(type)) return 'union';
  if (isEnumType(type)) return 'enum';
  if (isInputObjectType(type)) return 'input';
  return 'scalar';
}

/** What `next` adds that a client can use without changing an operation it sends today. */
function additions(previous: GraphQLSchema, next: GraphQLSchema): string[] {
  const added: string[] = [];
  for (const [name, type] of Object.entries(next.getTypeMap())) {
    if (name.startsWith('__')) continue;
    const before = previous.getType(name);
    if (!before) {
      added.push(`${kindOf(type)} ${name}`);
      continue;
    }
    if ((isObjectType(type) || isInterfaceType(type)) && (isObjectType(before) || isInterfaceType(before))) {
      const beforeFields = before.getFields();
      for (const field of Object.values(type.getFields())) {
        const old = beforeFields[field.name];
        if (!old) {
          added.push(`field ${name}.${field.name}`);
          continue;
        }
        for (const arg of field.args) {
          if (!isRequiredArgument(arg) && !old.args.some((a) => a.name === arg.name)) {
            added.push(`optional argument ${name}.${field.name}(${arg.name}:)`);
          }
        }
      }
    } else if (isInputObjectType(type) && isInputObjectType(before)) {
      const beforeFields = before.getFields();
      for (const field of Object.values(type.getFields())) {
        if (!beforeFields[field.name] && !isRequiredInputField(field)) {
          added.push(`optional input field ${name}.${field.name}`);
        }
      }
    }
  }
  return added;
}

/**
 * graphql-js counts an added optional argument or input field as dangerous. A client that does
 * not send it gets what it got before, so they are listed with the additions instead.
 */
const listedAsAdditions = new Set<string>([
  DangerousChangeType.OPTIONAL_ARG_ADDED,
  DangerousChangeType.OPTIONAL_INPUT_FIELD_ADDED,
]);

/** What changes for clients from the `deployed` supergraph to the `current` one. */
export function diffSupergraphs(
  deployed: string,
  current: string,
  accepted: AcceptedBreakingChange[] = [],
  names = { deployed: 'the deployed supergraph', current: 'the current supergraph' },
): SchemaDiff {
  const before = apiSchemaOf(deployed, names.deployed);
  const after = apiSchemaOf(current, names.current);
  const diff: SchemaDiff = { breaking: [], accepted: [], dangerous: [], additions: [], unneeded: [] };
  const used = new Set<AcceptedBreakingChange>();
  for (const { type, description } of findBreakingChanges(before, after)) {
    const entry = accepted.find((candidate) => candidate.change === description);
    if (entry) {
      used.add(entry);
      diff.accepted.push({ type, description, entry });
    } else {
      diff.breaking.push({ type, description });
    }
  }
  diff.dangerous = findDangerousChanges(before, after)
    .filter(({ type }) => !listedAsAdditions.has(type))
    .map(({ type, description }) => ({ type, description }));
  diff.additions = additions(before, after);
  diff.unneeded = accepted.filter((entry) => !used.has(entry));
  return diff;
}

/** 1 when a breaking change is not accepted, else 0. */
export const exitCodeOf = (diff: SchemaDiff): 0 | 1 => (diff.breaking.length > 0 ? 1 : 0);

/** The diff in plain words, grouped: breaking, accepted, dangerous, additions, unneeded acceptances. */
export function formatDiff(diff: SchemaDiff, names: { deployed: string; current: string }): string {
  const lines = [`API schema of ${names.current} compared with ${names.deployed}:`];
  const changes = (list: SchemaChange[]) => list.map(({ type, description }) => `  ${type}: ${description}`);
  if (diff.breaking.length) {
    lines.push(
      '',
      `Breaking (${diff.breaking.length}): operations clients send today may fail`,
      ...changes(diff.breaking),
    );
  }
  if (diff.accepted.length) {
    lines.push(
      '',
      `Breaking, accepted in ${acceptedPath} (${diff.accepted.length}):`,
      ...diff.accepted.map(
        ({ type, description, entry }) =>
          `  ${type}: ${description} (accepted by ${entry.acceptedBy}: ${entry.reason})`,
      ),
    );
  }
  if (diff.dangerous.length) {
    lines.push(
      '',
      `Dangerous (${diff.dangerous.length}): operations keep working, but clients may get values they do not expect`,
      ...changes(diff.dangerous),
    );
  }
  if (diff.additions.length) {
    lines.push('', `Safe additions (${diff.additions.length}):`, ...diff.additions.map((added) => `  ${added}`));
  }
  if (diff.unneeded.length) {
    lines.push(
      '',
      `No longer needed in ${acceptedPath} (no such breaking change now; remove them):`,
      ...diff.unneeded.map(({ change, acceptedBy }) => `  "${change}" (accepted by ${acceptedBy})`),
    );
  }
  lines.push('');
  if (diff.breaking.length) {
    lines.push(
      `${diff.breaking.length} breaking change${diff.breaking.length === 1 ? '' : 's'} not accepted. If intended, and its consumers were told, add to ${acceptedPath}:`,
      ...diff.breaking.map(
        ({ description }) => `  { "change": ${JSON.stringify(description)}, "reason": "…", "acceptedBy": "…" }`,
      ),
    );
  } else if (diff.dangerous.length) {
    lines.push('No breaking change. Warning: the dangerous changes above may surprise clients; tell them.');
  } else if (diff.accepted.length || diff.additions.length) {
    lines.push('No breaking change.');
  } else {
    lines.push('No change for clients.');
  }
  return lines.join('\n');
}
