/**
 * Writes the demo data the subgraphs seed their databases with:
 *   subgraphs/{enterprises,platforms,instruments,assessments,planning}/src/seed/demo-data.json
 *
 * Everything is fictional but shaped like Guizhou's advanced equipment manufacturing sector: ten
 * regions, six key industries, enterprises with valid unified social credit codes, public service
 * platforms, large instruments in the NRII record format with their booking rules and a year and a half
 * of bookings and service records, the 2024–2025 platform assessments, and the makers' products with
 * the 2025–2026 equipment demand survey and its outcomes, and the 2025 matching events that brought
 * buyers and makers together; and the electroplating zones, their plants and quotas, and the
 * regional platform layout plan.
 * The generators in demo-data/ keep it coherent (tests/demoData.test.ts checks that they do). The
 * output is deterministic: one seeded PRNG, no clock. Keys are the tables' column names.
 *
 * `--instruments N` writes no file: it loads N generated instruments (demo-data/manyInstruments.ts)
 * into the instruments database the federation uses, for trying search at a real catalogue's size.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAssessments, buildSchemes } from './demo-data/assessments.ts';
import { type BookableInstrument, buildBookings } from './demo-data/bookings.ts';
import { buildEnterprises, buildRegions, enterpriseRow } from './demo-data/enterprises.ts';
import { buildMatchingEvents } from './demo-data/events.ts';
import { buildInstruments } from './demo-data/instruments.ts';
import { buildPlanning } from './demo-data/planning.ts';
import { buildPlatformServices, type PlatformInstrument, tagCapabilities } from './demo-data/platformServices.ts';
import { buildCapabilities, buildPlatforms } from './demo-data/platforms.ts';
import { buildRegistry } from './demo-data/registry.ts';
import { buildSupplyAndDemand } from './demo-data/supplyDemand.ts';
import { parseCommandLine, pnpmCommand, stop } from './lib/cli.ts';

const { values } = parseCommandLine(
  `Usage: ${pnpmCommand()} demo-data [--check | --instruments N]

Writes the demo data every subgraph seeds an empty database with
(subgraphs/<name>/src/seed/demo-data.json), deterministically.

  --check           write nothing; exit 1 if a seed file differs from what would be written
  --instruments N   write no file: load N generated instruments (ids ins-g000001…, replacing
                    those loaded before) into the instruments database ${pnpmCommand()} start uses —
                    INSTRUMENTS_DATABASE_URL's, else the embedded one — migrating and seeding it
                    first. Stop ${pnpmCommand()} start before loading into the embedded database.`,
  { check: { type: 'boolean', default: false }, instruments: { type: 'string' } },
);

/** Ids `ins-g000001` … `ins-g999999`. */
const MAX_GENERATED = 999_999;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const stale: string[] = [];

/** One row per line: a diff shows which rows changed, and the file stays small. */
function seedText(tables: Record<string, object[]>): string {
  const table = ([name, rows]: [string, object[]]) =>
    rows.length === 0
      ? `  ${JSON.stringify(name)}: []`
      : `  ${JSON.stringify(name)}: [\n${rows.map((row) => `    ${JSON.stringify(row)}`).join(',\n')}\n  ]`;
  return `{\n${Object.entries(tables).map(table).join(',\n')}\n}\n`;
}

function writeSeed(subgraph: string, tables: Record<string, object[]>): void {
  const dir = join(root, 'subgraphs', subgraph, 'src', 'seed');
  const file = join(dir, 'demo-data.json');
  const text = seedText(tables);
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

if (values.instruments !== undefined) {
  if (values.check) stop('--check and --instruments do not go together: --instruments writes no seed file');
  const count = Number(values.instruments);
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_GENERATED) {
    stop(
      `--instruments takes a whole number from 1 to ${MAX_GENERATED.toLocaleString('en')}, not ${values.instruments}`,
    );
  }
  // Imported only here: writing the seed files needs no database (nor the subgraphs' modules).
  const { loadIntoFederationDatabase } = await import('./lib/generatedInstruments.ts');
  await loadIntoFederationDatabase(count, { enterprises, platforms: platform });
  process.exit(0);
}

// Scale and certifications come last in each row, drawn from a stream of their own.
const registry = buildRegistry(enterprises);
// Products, the demand survey and its outcomes, with the out-of-province makers selling here (appended
// after the demo enterprises), drawn from a stream of their own.
const { suppliers, product, demand, demand_candidate } = buildSupplyAndDemand(enterprises, registry);
// The 2025 matching events, who came and what was brought, drawn from a stream of their own; inserted
// after the enterprises, products and demands their links name.
const events = buildMatchingEvents(enterprises, product, demand, demand_candidate);
writeSeed('enterprises', {
  region: buildRegions(),
  enterprise: [
    ...enterprises.map((e) => ({ ...enterpriseRow(e), ...registry.get(e.id) })),
    ...suppliers.map(({ enterprise, registry: fields }) => ({ ...enterpriseRow(enterprise), ...fields })),
  ],
  product,
  demand,
  demand_candidate,
  ...events,
});
// Capabilities and then instruments draw from the main stream, in this order.
const capability = buildCapabilities(platform);
const instrumentRows = buildInstruments(enterprises, platform);
// Services with prices, credentials, yearly figures, the planned layout and inquiry threads, drawn from a
// stream of their own; services before the threads that name them, threads before their messages.
const services = buildPlatformServices(platform, enterprises, registry, instrumentRows as PlatformInstrument[]);
writeSeed('platforms', { platform, capability: tagCapabilities(capability), ...services });
// The instrument registry's own directory of owners by credit code, for partners' pushes: every
// enterprise of the registry, the out-of-province makers appended.
const owners = [...enterprises, ...suppliers.map(({ enterprise }) => enterprise)].map(({ id, credit_code }) => ({
  id,
  credit_code,
}));
// Booking rules and a year and a half of bookings (2024-07 to 2025-12), drawn from a stream of their own.
const { booking_rule, booking } = buildBookings(instrumentRows as BookableInstrument[], enterprises);
writeSeed('instruments', { instrument: instrumentRows, owner: owners, booking_rule, booking });
writeSeed('assessments', { ...buildSchemes(), ...buildAssessments(platform) });
// Zones, plants and phase-outs are a fixed table; the layout plan's 2022 milestones are the department's layout.
writeSeed('planning', buildPlanning(enterprises, services.layout_target));

if (stale.length > 0) {
  console.error(`Seed data out of date for ${stale.join(', ')}: run ${pnpmCommand()} demo-data`);
  process.exit(1);
}
