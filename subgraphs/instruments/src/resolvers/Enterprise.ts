import type { EnterpriseResolvers } from '../__generated__/resolvers-types.ts';

export const Enterprise: EnterpriseResolvers = {
  __resolveReference: ({ id }) => ({ id }),
  utilisation: ({ id }, { year }, { bookings }) => bookings.utilisationOf('owner_id', id, year),
  instruments: ({ id }, args, { instruments }) => instruments.pageOfOwner(id, args),
};
