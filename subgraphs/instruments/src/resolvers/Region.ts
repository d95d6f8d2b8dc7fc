import type { RegionResolvers } from '../__generated__/resolvers-types.ts';

export const Region: RegionResolvers = {
  __resolveReference: ({ code }) => ({ code }),
  utilisation: ({ code }, { year }, { bookings }) => bookings.utilisationOf('region_code', code, year),
  sharingYears: ({ code }, _args, { bookings }) => bookings.sharingYearsOf('region_code', code),
  instruments: ({ code }, args, { instruments }) => instruments.pageOfRegion(code, args),
};
