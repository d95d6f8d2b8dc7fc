import type { PlatformResolvers } from '../__generated__/resolvers-types.ts';

export const Platform: PlatformResolvers = {
  __resolveReference: ({ id }) => ({ id }),
  utilisation: ({ id }, { year }, { bookings }) => bookings.utilisationOf('platform_id', id, year),
  sharingYears: ({ id }, _args, { bookings }) => bookings.sharingYearsOf('platform_id', id),
  instruments: ({ id }, args, { instruments }) => instruments.pageOfPlatform(id, args),
};
