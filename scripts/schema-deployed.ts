/**
 * `pnpm schema:deployed`: after a rollout, records `schema/supergraph.graphql` as the supergraph
 * that is live (`schema/deployed/supergraph.graphql`), the one `pnpm schema:diff` compares with.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommandLine, pnpmCommand, repoRoot, stop } from './lib/cli.ts';
import {
  acceptedPath,
  apiSchemaOf,
  deployedPath,
  readAccepted,
  readText,
  SchemaDiffError,
  supergraphPath,
} from './lib/schemaDiff.ts';

const pnpm = pnpmCommand();
parseCommandLine(
  `Usage: ${pnpm} schema:deployed

Run after rolling out ${supergraphPath}: copies it to ${deployedPath}, the record of
the supergraph that is live, which ${pnpm} schema:diff compares the next changes with. Commit it.`,
  {},
);

try {
  apiSchemaOf(readText(join(repoRoot, supergraphPath), supergraphPath), supergraphPath);
  copyFileSync(join(repoRoot, supergraphPath), join(repoRoot, deployedPath));
  console.log(`recorded ${supergraphPath} as deployed: ${deployedPath} (commit it)`);
  const accepted = readAccepted();
  if (accepted.length) {
    console.log(
      `${acceptedPath} lists ${accepted.length} breaking change${accepted.length === 1 ? '' : 's'} that ${accepted.length === 1 ? 'is' : 'are'} deployed now; ${pnpm} schema:diff names those no longer needed: remove them.`,
    );
  }
} catch (error) {
  if (error instanceof SchemaDiffError) stop(`schema:deployed: ${error.message}`, 2);
  throw error;
}
