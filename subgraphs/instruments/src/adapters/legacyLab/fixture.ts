/**
 * The legacy-lab fixture: instrument records converted to the legacy system's shape (its numbers,
 * words, yuan, YYYYMMDD text, Beijing local times), so that the adapter over it can be checked
 * against the subgraph over its own tables holding the same records. The demo data gives the
 * records for `pnpm legacy-fixture`; the tests give the rows an owned database holds.
 */
import { readFileSync } from 'node:fs';
import type { Knex } from 'knex';
import type { InstrumentRow } from '../../models/instrument.ts';
import { LEGACY_SCHEMA, LEGACY_TABLES } from './legacyTables.ts';
import {
  DISCIPLINE_SEPARATOR,
  INDUSTRY_SEPARATOR,
  INDUSTRY_WORDS,
  NO,
  OWNER_TYPE_WORDS,
  PURPOSE_WORDS,
  REVIEW_STATUS_WORDS,
  SHARING_MODE_WORDS,
  SOURCE_WORDS,
  STATUS_WORDS,
  wordFor,
  YES,
} from './words.ts';

/**
 * An instrument as the subgraph's own table holds it, or as its demo data file has it (which
 * leaves out what the database fills in: version, times, review details, the classified flag).
 */
export type OwnedInstrumentRow = Omit<InstrumentRow, DatabaseFilled | 'industries' | 'image_url'> &
  Partial<Pick<InstrumentRow, DatabaseFilled | 'image_url'>> & {
    industries: string[];
    published_at?: Date | string | null;
    created_at?: Date | string;
    updated_at?: Date | string;
  };

/** What the database fills in when a record is filed. */
type DatabaseFilled =
  | 'review_status'
  | 'rejection_reason'
  | 'published_at'
  | 'classified'
  | 'version'
  | 'created_at'
  | 'updated_at';

/** An owner the subgraph knows by credit code (its `owner` table). */
export interface OwnedOwnerRow {
  id: string;
  credit_code: string;
}

type Row = Record<string, unknown>;

/** Rows of the three legacy tables. */
export interface LegacyLabFixture {
  units: Row[];
  platforms: Row[];
  instruments: Row[];
}

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** An instant as the legacy system writes it: Beijing local time, no zone, milliseconds. */
export function beijingTime(value: Date | string): string {
  const instant = new Date(value).getTime();
  return new Date(instant + BEIJING_OFFSET_MS).toISOString().replace('T', ' ').replace('Z', '');
}

/** ¥10,000 with two decimals (as the owned column keeps it) → yuan, exactly. */
export function yuanOf(tenThousands: string | number): string {
  return String(Math.round(Number(tenThousands) * 100) * 100);
}

const numbered = (prefix: string, width: number) => (index: number) =>
  `${prefix}${String(index + 1).padStart(width, '0')}`;

function joined(values: readonly string[], separator: string, what: string, id: string): string | null {
  const odd = values.find((value) => value.includes(separator));
  if (odd) throw new Error(`Instrument ${id}: ${what} ${JSON.stringify(odd)} holds the legacy separator ${separator}`);
  return values.length > 0 ? values.join(separator) : null;
}

/**
 * The legacy tables' rows for these instruments and owners. The legacy system numbers its units,
 * platforms and instruments itself and keeps the province's identifiers beside them (对接编码);
 * a unit keeps one credit code, so an instrument filed with another owner code is refused.
 */
export function legacyLabFixture(
  instruments: readonly OwnedInstrumentRow[],
  owners: readonly OwnedOwnerRow[],
): LegacyLabFixture {
  const creditCodes = new Map(owners.map((owner) => [owner.id, owner.credit_code]));
  const ownerIds = [...new Set([...creditCodes.keys(), ...instruments.map((row) => row.owner_id)])].sort();
  const unitNumber = new Map(ownerIds.map((id, index) => [id, numbered('DW', 4)(index)]));
  const platformIds = [
    ...new Set(instruments.map((row) => row.platform_id).filter((id): id is string => id !== null)),
  ].sort();
  const platformNumber = new Map(platformIds.map((id, index) => [id, numbered('GZPT', 3)(index)]));

  const sorted = [...instruments].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const legacyInstruments = sorted.map((row, index) => {
    const unitCode = creditCodes.get(row.owner_id) ?? null;
    if ((row.owner_credit_code ?? null) !== unitCode) {
      throw new Error(
        `Instrument ${row.id} was filed with credit code ${row.owner_credit_code}, its owner ${row.owner_id} has ${unitCode}: the legacy shape keeps one code per unit`,
      );
    }
    const created = row.created_at ?? row.published_at ?? new Date();
    return {
      yqbh: numbered('YQ', 6)(index),
      sjdjbm: row.id,
      dwbh: unitNumber.get(row.owner_id),
      dwxz: row.owner_type ? wordFor(OWNER_TYPE_WORDS, row.owner_type) : null,
      ptbh: row.platform_id ? platformNumber.get(row.platform_id) : null,
      zcbh: row.asset_number,
      yqmc: row.name,
      ywmc: row.name_en,
      flbm: row.class_code,
      yqly: wordFor(SOURCE_WORDS, row.source),
      sfhgjg: row.customs_supervised ? YES : NO,
      yz: yuanOf(row.original_value),
      zzgb: row.country,
      sccs: row.manufacturer,
      ggxh: row.model,
      qyrq: row.start_of_use.replaceAll('-', ''),
      yqyt: wordFor(PURPOSE_WORDS, row.purpose),
      jszb: row.technical_indicators,
      zygn: row.main_functions,
      xkly: joined(row.disciplines, DISCIPLINE_SEPARATOR, 'discipline', row.id),
      cyly: joined(
        row.industries.map((industry) => wordFor(INDUSTRY_WORDS, industry)),
        INDUSTRY_SEPARATOR,
        'industry',
        row.id,
      ),
      fwnr: row.service_content,
      gxzd: row.sharing_rules,
      sfbz: row.fee_text,
      fwwz: row.service_url,
      tpdz: row.image_url ?? null,
      gxms: wordFor(SHARING_MODE_WORDS, row.sharing_mode),
      zt: wordFor(STATUS_WORDS, row.status),
      azdd: row.address,
      lxr: row.contact_name,
      lxdh: row.contact_phone,
      xzqhdm: row.region_code,
      shzt: wordFor(REVIEW_STATUS_WORDS, row.review_status ?? 'DRAFT'),
      thyy: row.rejection_reason ?? null,
      fbsj: row.published_at ? beijingTime(row.published_at) : null,
      sfsm: row.classified ? YES : NO,
      bbh: (row.version ?? 1) - 1,
      cjsj: beijingTime(created),
      gxsj: beijingTime(row.updated_at ?? created),
    };
  });
  return {
    units: ownerIds.map((id) => ({ dwbh: unitNumber.get(id), tyshxydm: creditCodes.get(id) ?? null, sjdjbm: id })),
    platforms: platformIds.map((id) => ({ ptbh: platformNumber.get(id), sjdjbm: id })),
    instruments: legacyInstruments,
  };
}

/** The fixture made from the instruments subgraph's demo data. */
export function demoLegacyLabFixture(): LegacyLabFixture {
  const demo = JSON.parse(readFileSync(new URL('../../seed/demo-data.json', import.meta.url), 'utf8')) as {
    instrument: OwnedInstrumentRow[];
    owner: OwnedOwnerRow[];
  };
  return legacyLabFixture(demo.instrument, demo.owner);
}

/** Whether the database already holds the legacy schema. */
export async function hasLegacyTables(knex: Knex): Promise<boolean> {
  const found = await knex.raw('select 1 from pg_namespace where nspname = ?', [LEGACY_SCHEMA]);
  return (found as { rows: unknown[] }).rows.length > 0;
}

const CHUNK = 200;

/**
 * Creates the legacy tables and fills them, in one transaction. With `replace`, an existing
 * legacy schema is dropped first (and with it the adapter's views over it, until the next start).
 */
export async function loadLegacyLabFixture(
  knex: Knex,
  fixture: LegacyLabFixture,
  { replace = false }: { replace?: boolean } = {},
): Promise<void> {
  await knex.transaction(async (trx) => {
    if (await hasLegacyTables(trx)) {
      if (!replace) throw new Error(`The database already holds the legacy schema ${LEGACY_SCHEMA}`);
      await trx.raw('drop schema ?? cascade', [LEGACY_SCHEMA]);
    }
    for (const statement of LEGACY_TABLES) await trx.raw(statement);
    for (const [table, rows] of [
      ['t_dw_jbxx', fixture.units],
      ['t_pt_jbxx', fixture.platforms],
      ['t_yq_jbxx', fixture.instruments],
    ] as const) {
      for (let i = 0; i < rows.length; i += CHUNK) {
        await trx
          .withSchema(LEGACY_SCHEMA)
          .table(table)
          .insert(rows.slice(i, i + CHUNK));
      }
    }
  });
}
