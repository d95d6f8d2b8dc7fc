import { badUserInput, type Database, INDUSTRIES, REGIONS, todayInGuizhou } from '@gzequip/kit';
import type { Industry } from '../__generated__/resolvers-types.ts';

/** The years a coverage map may be asked for (service figures keep the same range). */
export const COVERAGE_YEARS = { min: 2000, max: 2100 } as const;

/** One region × key-industry cell of the platform layout in a year. */
export interface CoverageCell {
  regionCode: string;
  industry: Industry;
  year: number;
  /** The platforms serving the cell, by id; `CoverageCell.platforms` loads them. */
  platformIds: string[];
  platformCount: number;
  accreditedPlatformCount: number;
  serviceCount: number;
  platformsExpected: number;
  basis: string | null;
  gap: boolean;
}

interface CoverageRow {
  region_code: string;
  industry: Industry;
  year: number;
  platform_ids: string[];
  platform_count: number;
  accredited_platform_count: number;
  service_count: number;
  platforms_expected: number;
  basis: string | null;
}

/** The year asked for, or the province's current year; outside 2000–2100 is refused. */
export function coverageYear(year: number | null | undefined, field = 'year'): number {
  const chosen = year ?? Number(todayInGuizhou().slice(0, 4));
  if (chosen < COVERAGE_YEARS.min || chosen > COVERAGE_YEARS.max) {
    throw badUserInput(field, `must be between ${COVERAGE_YEARS.min} and ${COVERAGE_YEARS.max}`);
  }
  return chosen;
}

export function isCoverageYear(year: number): boolean {
  return Number.isInteger(year) && year >= COVERAGE_YEARS.min && year <= COVERAGE_YEARS.max;
}

/** Whether a region and industry name a cell of the map (a reference may carry anything). */
export function isCoverageCell(regionCode: string, industry: string): boolean {
  return Object.hasOwn(REGIONS, regionCode) && (INDUSTRIES as readonly string[]).includes(industry);
}

function toCoverageCell(row: CoverageRow): CoverageCell {
  return {
    regionCode: row.region_code,
    industry: row.industry,
    year: row.year,
    platformIds: row.platform_ids,
    platformCount: row.platform_count,
    accreditedPlatformCount: row.accredited_platform_count,
    serviceCount: row.service_count,
    platformsExpected: row.platforms_expected,
    basis: row.basis,
    gap: row.platforms_expected > row.platform_count,
  };
}

export class CoverageModel {
  constructor(private readonly db: Database) {}

  /**
   * Every region × key-industry cell of each year, in one statement: the cells come from the
   * kit's vocabulary (so a cell with no platform and no plan still appears), ordered by year,
   * region code and industry. A platform counts from its establishment year; its credentials
   * count only while in force on `today`, whatever the year asked for, since validity is now.
   */
  async findCells(years: readonly number[], today: string): Promise<CoverageCell[]> {
    const s = `"${this.db.schema}"`;
    const rows = await this.db.raw<CoverageRow>(
      `with cell as (
         select y.year, r.region_code, i.industry
           from unnest(?::int[]) as y(year)
           cross join unnest(?::text[]) as r(region_code)
           cross join unnest(?::text[]) as i(industry)),
       serving as (
         select c.year, c.region_code, c.industry, p.id,
                exists (select 1 from ${s}.credential cr
                         where cr.platform_id = p.id and ?::date between cr.valid_from and cr.valid_until) as accredited,
                (select count(*) from ${s}.service svc where svc.platform_id = p.id) as services
           from cell c
           join ${s}.platform p
             on p.region_code = c.region_code and p.industries @> array[c.industry]
            and (p.established_year is null or p.established_year <= c.year))
       select c.year, c.region_code, c.industry,
              coalesce(array_agg(sp.id order by sp.id) filter (where sp.id is not null), '{}') as platform_ids,
              count(sp.id)::int as platform_count,
              count(sp.id) filter (where sp.accredited)::int as accredited_platform_count,
              coalesce(sum(sp.services), 0)::int as service_count,
              coalesce(t.platforms_expected, 0) as platforms_expected,
              t.basis
         from cell c
         left join serving sp on sp.year = c.year and sp.region_code = c.region_code and sp.industry = c.industry
         left join ${s}.layout_target t on t.region_code = c.region_code and t.industry = c.industry
        group by c.year, c.region_code, c.industry, t.platforms_expected, t.basis
        order by c.year, c.region_code collate "C", c.industry collate "C"`,
      [[...years], Object.keys(REGIONS), [...INDUSTRIES], today],
    );
    return rows.map(toCoverageCell);
  }
}
