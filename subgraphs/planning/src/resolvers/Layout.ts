import type { CoverageCellResolvers, EnterpriseResolvers, RegionResolvers } from '../__generated__/resolvers-types.ts';
import { plannedBy } from '../models/layout.ts';

export const CoverageCell: CoverageCellResolvers = {
  // The gateway sends the key, and platformCount when a field requires it.
  __resolveReference: (cell) => cell,
  platformsPlanned: async (cell, _args, { layout }) => plannedBy(await layout.milestonesOf(cell), cell.year),
  platformsMissing: async (cell, _args, { layout }) => {
    const planned = plannedBy(await layout.milestonesOf(cell), cell.year);
    return Math.max(0, planned - (cell.platformCount ?? 0));
  },
  planMilestones: (cell, _args, { layout }) => layout.milestonesOf(cell),
};

export const Region: RegionResolvers = {
  __resolveReference: ({ code }) => ({ code }),
  zones: ({ code }, args, { zones }) => zones.pageOfRegion(code, args),
  platformLayout: ({ code }, { year }, { layout }) => layout.cellsOfRegion(code, year),
};

export const Enterprise: EnterpriseResolvers = {
  __resolveReference: ({ id }) => ({ id }),
  plants: ({ id }, args, { plants }) => plants.pageOfEnterprise(id, args),
};
