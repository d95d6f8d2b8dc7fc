import { isSignedIn, notFound, parsePage } from '@gzequip/kit';
import type { EnterpriseResolvers } from '../__generated__/resolvers-types.ts';
import { creditCodeProblem } from '../creditCode.ts';
import { canEdit } from '../models/registry.ts';

export const Enterprise: EnterpriseResolvers = {
  __resolveReference: (reference, { enterprises }) => {
    if ('id' in reference) return enterprises.byId.load(reference.id);
    const creditCode = reference.creditCode.toUpperCase();
    // A malformed key cannot match; answer null rather than query for it.
    return creditCodeProblem(creditCode) ? null : enterprises.byCreditCode.load(creditCode);
  },
  // Reached only for an enterprise the registry keeps: an unknown key resolved to null above.
  exists: () => true,
  region: async ({ regionCode }, _args, { regions }) => {
    const region = await regions.byCode(regionCode);
    if (!region) throw notFound('Region', regionCode);
    return region;
  },
  contactName: ({ contactName }, _args, { claims }) => (isSignedIn(claims) ? contactName : null),
  contactPhone: ({ contactPhone }, _args, { claims }) => (isSignedIn(claims) ? contactPhone : null),
  history: ({ id }, { first, after }, { claims, enterprises }) =>
    canEdit(claims, id) ? enterprises.history(id, parsePage({ first, after }, 'history')) : null,
  products: ({ id }, args, { supplyDemand }) => supplyDemand.productsOf(id, args),
  demands: ({ id }, args, { supplyDemand }) => supplyDemand.demandsOf(id, args),
};
