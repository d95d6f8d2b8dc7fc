import type { CoverageCellResolvers } from '../__generated__/resolvers-types.ts';
import type { Platform } from '../models/platform.ts';

/** Loaded platforms: a failed load fails the field; one removed since the cell was counted drops out. */
function loaded(values: (Platform | Error | null)[]): Platform[] {
  const failed = values.find((value) => value instanceof Error);
  if (failed) throw failed;
  return values.filter((value): value is Platform => value !== null);
}

export const CoverageCell: CoverageCellResolvers = {
  __resolveReference: (key, { coverage }) => coverage.byKey(key),
  region: ({ regionCode }) => ({ code: regionCode }),
  // Every cell's platforms in one batched lookup, only when the query asks for them.
  platforms: async ({ platformIds }, _args, { platforms }) => loaded(await platforms.byId.loadMany(platformIds)),
};
