/**
 * `pnpm schema:diff`: what a new supergraph changes for clients against the deployed one, on the
 * API schema, and a breaking change failing the check until it is accepted.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../scripts/lib/cli.ts';
import {
  type AcceptedBreakingChange,
  diffSupergraphs,
  exitCodeOf,
  formatDiff,
  loadAgainst,
  readAccepted,
  SchemaDiffError,
} from '../scripts/lib/schemaDiff.ts';

const INSTRUMENTS = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@inaccessible"])

type Query {
  instruments(first: Int): [Instrument!]!
}

type Instrument @key(fields: "id") {
  id: ID!
  name: String!
  model: String
  status: InstrumentStatus
}

enum InstrumentStatus {
  NORMAL
  STANDBY
}
`;

const ENTERPRISES = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

type Query {
  enterprise(creditCode: String): Enterprise
}

type Enterprise @key(fields: "id") {
  id: ID!
  name: String!
}

type Instrument @key(fields: "id") {
  id: ID!
  owner: Enterprise
}
`;

type Edit = (sdl: string) => string;

/** A supergraph composed of the two small subgraphs above, each SDL rewritten by its edit first. */
function supergraph(
  edits: { instruments?: Edit; enterprises?: Edit } = {},
  instrumentsUrl = 'http://instruments.example/graphql',
): string {
  const keep: Edit = (sdl) => sdl;
  const result = composeServices([
    { name: 'instruments', url: instrumentsUrl, typeDefs: parse((edits.instruments ?? keep)(INSTRUMENTS)) },
    {
      name: 'enterprises',
      url: 'http://enterprises.example/graphql',
      typeDefs: parse((edits.enterprises ?? keep)(ENTERPRISES)),
    },
  ]);
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.supergraphSdl;
}

/** Replaces `from` (which must be there) with `to`. */
const replace =
  (from: string, to: string): Edit =>
  (sdl) => {
    if (!sdl.includes(from)) throw new Error(`the test's SDL has no ${JSON.stringify(from)}`);
    return sdl.replace(from, to);
  };

const deployed = supergraph();
const names = { deployed: 'deployed.graphql', current: 'current.graphql' };

function diff(edits: { instruments?: Edit; enterprises?: Edit }, accepted: AcceptedBreakingChange[] = []) {
  const result = diffSupergraphs(deployed, supergraph(edits), accepted, names);
  return { ...result, exitCode: exitCodeOf(result), text: formatDiff(result, names) };
}

const scratch = mkdtempSync(join(tmpdir(), 'schema-diff-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('breaking changes', () => {
  it('a removed field is breaking, named, and fails the check', () => {
    const result = diff({ instruments: replace('  model: String\n', '') });
    expect(result.breaking).toEqual([{ type: 'FIELD_REMOVED', description: 'Instrument.model was removed.' }]);
    expect(result.exitCode).toBe(1);
    expect(result.text).toContain('Breaking (1)');
    expect(result.text).toContain('  FIELD_REMOVED: Instrument.model was removed.');
    // and says how to accept it, with the exact description to copy
    expect(result.text).toContain('{ "change": "Instrument.model was removed.", "reason": "…", "acceptedBy": "…" }');
  });

  it('a nullable argument made required is breaking', () => {
    const result = diff({ enterprises: replace('enterprise(creditCode: String)', 'enterprise(creditCode: String!)') });
    expect(result.breaking).toEqual([
      {
        type: 'ARG_CHANGED_KIND',
        description: 'Query.enterprise arg creditCode has changed type from String to String!.',
      },
    ]);
    expect(result.exitCode).toBe(1);
  });

  it('a new required argument is breaking, not an addition', () => {
    const result = diff({
      instruments: replace('instruments(first: Int)', 'instruments(first: Int, region: String!)'),
    });
    expect(result.breaking.map((change) => change.type)).toEqual(['REQUIRED_ARG_ADDED']);
    expect(result.additions).toEqual([]);
    expect(result.exitCode).toBe(1);
  });
});

describe('changes that do not break', () => {
  it('an optional argument, a field and a type are safe additions', () => {
    const result = diff({
      instruments: (sdl) =>
        replace(
          'instruments(first: Int)',
          'instruments(first: Int, after: String)',
        )(replace('  model: String\n', '  model: String\n  serialNumber: String\n')(sdl)),
      enterprises: (sdl) =>
        `${sdl}\ntype Certificate {\n  name: String!\n}\n`.replace(
          '  name: String!\n}',
          '  name: String!\n  certificates: [Certificate!]\n}',
        ),
    });
    expect(result.breaking).toEqual([]);
    expect(result.dangerous).toEqual([]);
    expect([...result.additions].sort()).toEqual([
      'field Enterprise.certificates',
      'field Instrument.serialNumber',
      'optional argument Query.instruments(after:)',
      'type Certificate',
    ]);
    expect(result.exitCode).toBe(0);
    expect(result.text).toContain('Safe additions (4):');
    expect(result.text).toContain('  optional argument Query.instruments(after:)');
    expect(result.text).toMatch(/No breaking change\.$/);
  });

  it('an enum value added is dangerous: it passes with a warning', () => {
    const result = diff({ instruments: replace('  STANDBY\n', '  STANDBY\n  REMOTE_SERVICE\n') });
    expect(result.breaking).toEqual([]);
    expect(result.dangerous).toEqual([
      { type: 'VALUE_ADDED_TO_ENUM', description: 'REMOTE_SERVICE was added to enum type InstrumentStatus.' },
    ]);
    expect(result.exitCode).toBe(0);
    expect(result.text).toContain('Dangerous (1)');
    expect(result.text).toContain('  VALUE_ADDED_TO_ENUM: REMOTE_SERVICE was added to enum type InstrumentStatus.');
    expect(result.text).toContain('Warning:');
  });

  it('compares what clients see: routing and @inaccessible fields are not changes', () => {
    const withHidden = supergraph({
      instruments: replace('  model: String\n', '  model: String\n  legacyCode: String @inaccessible\n'),
    });
    const moved = supergraph({}, 'http://instruments.internal.example/graphql');
    // The supergraphs' texts differ, yet clients see the same schema.
    expect(withHidden).not.toBe(deployed);
    expect(moved).not.toBe(deployed);
    for (const [before, after] of [
      [withHidden, deployed],
      [deployed, moved],
    ] as const) {
      const result = diffSupergraphs(before, after, [], names);
      expect(result).toEqual({ breaking: [], accepted: [], dangerous: [], additions: [], unneeded: [] });
      expect(formatDiff(result, names)).toMatch(/No change for clients\.$/);
    }
    // The same removal of a field clients can see is breaking.
    const visible = supergraph({
      instruments: replace('  model: String\n', '  model: String\n  legacyCode: String\n'),
    });
    expect(diffSupergraphs(visible, deployed, [], names).breaking).toEqual([
      { type: 'FIELD_REMOVED', description: 'Instrument.legacyCode was removed.' },
    ]);
  });
});

describe('accepted breaking changes', () => {
  const removal: AcceptedBreakingChange = {
    change: 'Instrument.model was removed.',
    reason: 'model moved into modelName; partners told on 2026-11-02',
    acceptedBy: 'Wang Fang',
  };
  const stale: AcceptedBreakingChange = {
    change: 'Instrument.owner was removed.',
    reason: 'rolled out last month',
    acceptedBy: 'Li Wei',
  };

  it('an accepted change passes, and an entry matching nothing is reported as no longer needed', () => {
    const result = diff({ instruments: replace('  model: String\n', '') }, [removal, stale]);
    expect(result.breaking).toEqual([]);
    expect(result.accepted).toEqual([{ type: 'FIELD_REMOVED', description: removal.change, entry: removal }]);
    expect(result.unneeded).toEqual([stale]);
    expect(result.exitCode).toBe(0);
    expect(result.text).toContain(
      '  FIELD_REMOVED: Instrument.model was removed. (accepted by Wang Fang: model moved into modelName; partners told on 2026-11-02)',
    );
    expect(result.text).toContain('No longer needed in schema/deployed/accepted-breaking-changes.json');
    expect(result.text).toContain('  "Instrument.owner was removed." (accepted by Li Wei)');
  });

  it('accepting one change does not let another through', () => {
    const result = diff(
      {
        instruments: (sdl) => replace('  name: String!\n', '')(replace('  model: String\n', '')(sdl)),
      },
      [removal],
    );
    expect(result.breaking).toEqual([{ type: 'FIELD_REMOVED', description: 'Instrument.name was removed.' }]);
    expect(result.accepted.map((change) => change.description)).toEqual([removal.change]);
    expect(result.exitCode).toBe(1);
  });

  it('reads the accepted file, refusing entries without a change, reason or accepter', () => {
    const file = join(scratch, 'accepted.json');
    expect(readAccepted(join(scratch, 'none.json'))).toEqual([]);
    writeFileSync(file, JSON.stringify([removal]));
    expect(readAccepted(file)).toEqual([removal]);
    writeFileSync(file, JSON.stringify([{ change: removal.change, acceptedBy: 'Wang Fang' }]));
    expect(() => readAccepted(file, 'accepted.json')).toThrow('accepted.json: entry 1 needs "reason" as text');
    writeFileSync(file, JSON.stringify({ change: removal.change }));
    expect(() => readAccepted(file, 'accepted.json')).toThrow('must be an array');
    writeFileSync(file, '[{');
    expect(() => readAccepted(file, 'accepted.json')).toThrow(/^accepted\.json is not JSON/);
  });

  it('the committed accepted file is valid', () => {
    expect(() => readAccepted()).not.toThrow();
  });
});

describe('what it compares with', () => {
  it('refuses a file that is not a supergraph, in one line', () => {
    expect(() => diffSupergraphs('type Query { a: Int }', deployed, [], names)).toThrow(SchemaDiffError);
    expect(() => diffSupergraphs('type Query { a: Int }', deployed, [], names)).toThrow(
      /^deployed\.graphql is not a supergraph: .*core schema/,
    );
    expect(() => diffSupergraphs(deployed, 'garbage', [], names)).toThrow(
      /^current\.graphql is not a supergraph: Syntax Error/,
    );
  });

  it('--against git:REF reads the supergraph committed at that ref', () => {
    const repo = join(scratch, 'repo');
    mkdirSync(join(repo, 'schema'), { recursive: true });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], {
        cwd: repo,
        stdio: 'pipe',
      });
    git('init', '-q');
    writeFileSync(join(repo, 'schema/supergraph.graphql'), deployed);
    git('add', '.');
    git('commit', '-q', '-m', 'first');
    git('tag', 'deployed-1');
    writeFileSync(join(repo, 'schema/supergraph.graphql'), 'changed since');
    git('commit', '-q', '-am', 'second');
    expect(loadAgainst('git:deployed-1', repo)).toEqual({
      sdl: deployed,
      name: 'schema/supergraph.graphql at deployed-1',
    });
    expect(loadAgainst('git:HEAD', repo).sdl).toBe('changed since');
    expect(() => loadAgainst('git:no-such-ref', repo)).toThrow(
      /^cannot read schema\/supergraph\.graphql at git ref no-such-ref: fatal: /,
    );
  });

  it('--against FILE is read relative to where the command was typed', () => {
    writeFileSync(join(scratch, 'production.graphql'), deployed);
    expect(loadAgainst('production.graphql', repoRoot, scratch)).toEqual({
      sdl: deployed,
      name: 'production.graphql',
    });
    expect(() => loadAgainst('missing.graphql', repoRoot, scratch)).toThrow(
      'cannot read missing.graphql: no such file',
    );
  });
});

describe('pnpm schema:diff, run as a command against the real supergraph', () => {
  const current = readFileSync(join(repoRoot, 'schema/supergraph.graphql'), 'utf8');
  const run = (...args: string[]) => {
    const { INIT_CWD: _, ...env } = process.env;
    return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/schema-diff.ts', ...args], {
      cwd: repoRoot,
      encoding: 'utf8',
      env,
    });
  };

  it('exits 1 and names the change when the deployed supergraph has an enum value the current one lacks', () => {
    const last = '  AWAITING_SCRAPPING @join__enumValue(graph: INSTRUMENTS)\n}';
    expect(current).toContain(last);
    const file = join(scratch, 'deployed-with-more.graphql');
    writeFileSync(
      file,
      current.replace(
        last,
        '  AWAITING_SCRAPPING @join__enumValue(graph: INSTRUMENTS)\n  LENT_OUT @join__enumValue(graph: INSTRUMENTS)\n}',
      ),
    );
    const { status, stdout, stderr } = run('--against', file);
    expect(stderr).toBe('');
    expect(stdout).toContain('Breaking (1)');
    expect(stdout).toContain('  VALUE_REMOVED_FROM_ENUM: LENT_OUT was removed from enum type InstrumentStatus.');
    expect(status).toBe(1);
  });

  it('exits 0 against a copy of the current supergraph', () => {
    const file = join(scratch, 'same.graphql');
    writeFileSync(file, current);
    const { status, stdout } = run('--against', file);
    expect(stdout).toContain('No change for clients.');
    expect(status).toBe(0);
  });

  it('exits 2 with one clear line for a garbage or missing file', () => {
    const garbage = join(scratch, 'garbage.graphql');
    writeFileSync(garbage, '<html>502 Bad Gateway</html>');
    const bad = run('--against', garbage);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^schema:diff: .*garbage\.graphql is not a supergraph: Syntax Error: [^\n]*\n$/);

    const missing = run('--against', join(scratch, 'missing.graphql'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^schema:diff: cannot read .*missing\.graphql: no such file\n$/);
  });
});
