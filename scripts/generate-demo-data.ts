/**
 * Writes the demo data the subgraphs seed their databases with:
 *   subgraphs/{enterprises,platforms,instruments,assessments}/src/seed/demo-data.json
 *
 * Everything is fictional but shaped like Guizhou's advanced equipment manufacturing sector: ten
 * regions, six key industries, enterprises with valid unified social credit codes, public service
 * platforms, large instruments in the NRII record format, and the 2024–2025 platform assessments.
 * The generators in demo-data/ keep it coherent (tests/demoData.test.ts checks that they do). The
 * output is deterministic: one seeded PRNG, no clock. Keys are the tables' column names.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAssessments, INDICATORS } from './demo-data/assessments.ts';
import { buildEnterprises, buildRegions, enterpriseRow } from './demo-data/enterprises.ts';
import { buildInstruments } from './demo-data/instruments.ts';
import { buildCapabilities, buildPlatforms } from './demo-data/platforms.ts';
import { parseCommandLine, pnpmCommand } from './lib/cli.ts';

const { values } = parseCommandLine(
  `Usage: ${pnpmCommand()} demo-data [--check]

Writes the demo data every subgraph seeds an empty database with
(subgraphs/<name>/src/seed/demo-data.json), deterministically.

  --check   write nothing; exit 1 if a seed file differs from what would be written`,
  { check: { type: 'boolean', default: false } },
);

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const stale: string[] = [];

function writeSeed(subgraph: string, tables: Record<string, object[]>): void {
  const dir = join(root, 'subgraphs', subgraph, 'src', 'seed');
  const file = join(dir, 'demo-data.json');
  const text = `${JSON.stringify(tables, null, 2)}\n`;
  if (values.check) {
    if (!existsSync(file) || readFileSync(file, 'utf8') !== text) stale.push(subgraph);
    return;
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, text);
  const counts = Object.entries(tables).map(([table, rows]) => `${table} ${rows.length}`);
  console.log(`${subgraph}: ${counts.join(', ')}`);
}

const enterprises = buildEnterprises();
const platform = buildPlatforms(enterprises);
writeSeed('enterprises', { region: buildRegions(), enterprise: enterprises.map(enterpriseRow) });
writeSeed('platforms', { platform, capability: buildCapabilities(platform) });
writeSeed('instruments', { instrument: buildInstruments(enterprises, platform) });
writeSeed('assessments', { indicator: INDICATORS, ...buildAssessments(platform) });

if (stale.length > 0) {
  console.error(`Seed data out of date for ${stale.join(', ')}: run ${pnpmCommand()} demo-data`);
  process.exit(1);
}
