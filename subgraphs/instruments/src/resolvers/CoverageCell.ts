import type { CoverageCellResolvers } from '../__generated__/resolvers-types.ts';

export const CoverageCell: CoverageCellResolvers = {
  // The gateway sends one reference per cell of the map: the loader counts them all at once,
  // with the caller's visibility, so `_entities` counts no more than the lists show.
  __resolveReference: ({ regionCode, industry, year }, { coverage }) =>
    coverage.byKey.load({ regionCode, industry, year }),
};
