/**
 * The regional layout plan of platforms: milestones of so many platforms in a region and key
 * industry by a year. The platforms in service are the platforms source's to count; this source
 * only says what the plan wants, and the gateway brings the two together on `CoverageCell`.
 */
import {
  badUserInput,
  badUserInputs,
  type Claims,
  type ConstraintFields,
  type Database,
  type InputProblem,
  insertVersioned,
  REGIONS,
  runWrite,
  updateVersioned,
} from '@gzequip/kit';
import type { Industry, LayoutMilestoneInput } from '../__generated__/resolvers-types.ts';
import { mustAdminister } from '../access.ts';
import { PLANNING_LIMITS } from '../domain.ts';

interface MilestoneRow {
  id: string;
  region_code: string;
  industry: Industry;
  year: number;
  platforms: number;
  basis: string | null;
  version: number;
  updated_at: Date | string;
}

export interface LayoutMilestone {
  id: string;
  regionCode: string;
  industry: Industry;
  year: number;
  platforms: number;
  basis: string | null;
  version: number;
  updatedAt: string;
}

/** The years a layout can be planned and asked for, as the platforms source's coverage map allows. */
export const LAYOUT_YEARS = { min: 2000, max: 2100 } as const;

const MILESTONE = { table: 'layout_milestone', typename: 'LayoutMilestone' };

const CONSTRAINTS: ConstraintFields = {
  layout_milestone_pkey: { field: 'input', reason: 'already exists: send its version to change it' },
  layout_milestone_cell_year_key: { field: 'input', reason: 'already exists: send its version to change it' },
};

function toMilestone(row: MilestoneRow): LayoutMilestone {
  return {
    id: row.id,
    regionCode: row.region_code,
    industry: row.industry,
    year: row.year,
    platforms: row.platforms,
    basis: row.basis,
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** The platforms the plan wants by `year`: its latest milestone due by then, 0 before the first. */
export function plannedBy(milestones: readonly LayoutMilestone[], year: number): number {
  return milestones
    .filter((m) => m.year <= year)
    .reduce((latest, m) => (m.year >= latest.year ? m : latest), {
      year: Number.NEGATIVE_INFINITY,
      platforms: 0,
    }).platforms;
}

export class LayoutModel {
  constructor(private readonly db: Database) {}

  /** The milestones of the given regions (all regions when null) and industry, by region, industry, year. */
  async find(regionCodes: readonly string[] | null, industry: Industry | null = null): Promise<LayoutMilestone[]> {
    const query = this.db.table('layout_milestone');
    if (regionCodes) query.whereIn('region_code', [...regionCodes]);
    if (industry) query.where({ industry });
    const rows = (await query.orderByRaw('region_code collate "C", industry collate "C", year')) as MilestoneRow[];
    return rows.map(toMilestone);
  }

  /** Files a milestone (no version) or changes one at `version`. */
  set(input: LayoutMilestoneInput, version: number | null, viewer: Claims): Promise<LayoutMilestone> {
    mustAdminister(viewer, 'set the layout plan');
    const problems: InputProblem[] = [];
    if (!Object.hasOwn(REGIONS, input.regionCode)) {
      problems.push({ field: 'input.regionCode', reason: `is not a region code: ${JSON.stringify(input.regionCode)}` });
    }
    if (!Number.isInteger(input.year) || input.year < LAYOUT_YEARS.min || input.year > LAYOUT_YEARS.max) {
      problems.push({ field: 'input.year', reason: `must be between ${LAYOUT_YEARS.min} and ${LAYOUT_YEARS.max}` });
    }
    if (input.platforms < 0 || input.platforms > PLANNING_LIMITS.milestonePlatforms) {
      problems.push({ field: 'input.platforms', reason: `must be 0 to ${PLANNING_LIMITS.milestonePlatforms}` });
    }
    const basis = input.basis?.trim() || null;
    if (basis && basis.length > PLANNING_LIMITS.basis) {
      problems.push({ field: 'input.basis', reason: `must be at most ${PLANNING_LIMITS.basis} characters` });
    }
    if (problems.length > 0) throw badUserInputs(problems);
    const id = `${input.regionCode}-${input.industry}-${input.year}`;
    return runWrite(
      this.db,
      async (tx) => {
        if (version === null) {
          const row = { id, region_code: input.regionCode, industry: input.industry, year: input.year };
          return toMilestone(
            await insertVersioned<MilestoneRow>(tx, MILESTONE, { ...row, platforms: input.platforms, basis }, viewer),
          );
        }
        if (!(await tx.table('layout_milestone').where({ id }).first('id'))) {
          throw badUserInput('version', `is for a milestone that does not exist (${id}); leave it out to file one`);
        }
        return toMilestone(
          await updateVersioned<MilestoneRow>(
            tx,
            MILESTONE,
            id,
            version,
            { platforms: input.platforms, basis },
            viewer,
          ),
        );
      },
      CONSTRAINTS,
    );
  }
}
