import type { Claims, Database } from '@gzequip/kit';
import type { Industry } from '../__generated__/resolvers-types.ts';
import { restrictToVisible } from './instrument.ts';

/** A cell of the platforms subgraph's coverage map, as the gateway refers to it. */
export interface CoverageKey {
  regionCode: string;
  industry: Industry;
  year: number;
}

/** What this subgraph adds to a cell: its instruments, as the caller may see them. */
export interface CoverageCell extends CoverageKey {
  instrumentCount: number;
  /** In units of ¥10,000, as `Instrument.originalValue`. */
  instrumentValue: number;
}

interface CoverageRow {
  region_code: string;
  industry: Industry;
  year: number;
  instrument_count: number;
  instrument_value: number;
}

export class CoverageModel {
  constructor(private readonly db: Database) {}

  /**
   * The instruments of many cells in one statement: those in the cell's region, tagged with its
   * industry and in use by the end of its year (or with no start date), among the ones the
   * viewer may see, so the map never counts what the lists would hide. One row per distinct key.
   */
  async countCells(keys: readonly CoverageKey[], viewer: Claims): Promise<CoverageCell[]> {
    const visible = this.db
      .table('instrument')
      .select('id', 'region_code', 'industries', 'start_of_use', 'original_value');
    restrictToVisible(visible, viewer);
    const instruments = visible.toSQL();
    const rows = await this.db.raw<CoverageRow>(
      `select c.region_code, c.industry, c.year,
              count(i.id)::int as instrument_count,
              coalesce(sum(i.original_value), 0)::float8 as instrument_value
         from unnest(?::text[], ?::text[], ?::int[]) as c(region_code, industry, year)
         left join (${instruments.sql}) as i
           on i.region_code = c.region_code and i.industries @> array[c.industry]
          and (i.start_of_use is null or i.start_of_use <= make_date(c.year, 12, 31))
        group by c.region_code, c.industry, c.year`,
      [
        keys.map((key) => key.regionCode),
        keys.map((key) => key.industry),
        keys.map((key) => key.year),
        ...instruments.bindings,
      ],
    );
    return rows.map((row) => ({
      regionCode: row.region_code,
      industry: row.industry,
      year: row.year,
      instrumentCount: row.instrument_count,
      instrumentValue: row.instrument_value,
    }));
  }
}
