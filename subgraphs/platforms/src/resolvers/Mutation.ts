import { badUserInput } from '@gzequip/kit';
import type { MutationResolvers } from '../__generated__/resolvers-types.ts';

const versionRead = (version: number) => {
  if (version < 1) throw badUserInput('version', 'must be the version you read (1 or more)');
};

export const Mutation: MutationResolvers = {
  registerPlatform: (_root, { input }, { offers }) => offers.register(input),
  updatePlatform: (_root, { id, version, input }, { offers }) => {
    versionRead(version);
    return offers.update(id, version, input);
  },
  saveService: (_root, { platformId, id, version, input }, { offers }) =>
    offers.saveService(platformId, id, version, input),
  removeService: (_root, { id, version }, { offers }) => offers.removeService(id, version),
  saveCredential: (_root, { platformId, id, version, input }, { offers }) =>
    offers.saveCredential(platformId, id, version, input),
  openThread: (_root, { input }, { threads }) => threads.open(input),
  postMessage: (_root, { threadId, input }, { threads }) => threads.post(threadId, input),
  markThreadRead: (_root, { threadId }, { threads }) => threads.markRead(threadId),
  closeThread: (_root, { threadId, version, reason }, { threads }) => threads.close(threadId, version, reason),
  quoteThread: (_root, { threadId, version, input }, { orders }) => {
    versionRead(version);
    return orders.quote(threadId, version, input);
  },
  acceptQuote: (_root, { quoteId, version }, { orders }) => {
    versionRead(version);
    return orders.accept(quoteId, version);
  },
  withdrawQuote: (_root, { quoteId, version }, { orders }) => {
    versionRead(version);
    return orders.withdraw(quoteId, version);
  },
  payOrder: (_root, { orderId, idempotencyKey, voucherId }, { money }) => money.pay(orderId, idempotencyKey, voucherId),
  openVoucherScheme: (_root, { input }, { money }) => money.openScheme(input),
  applyForVoucher: (_root, { year, requestedFen }, { money }) => money.apply(year, requestedFen),
  decideVoucher: (_root, { voucherId, version, idempotencyKey, grantedFen, reason }, { money }) => {
    versionRead(version);
    return money.decideVoucher(voucherId, version, idempotencyKey, grantedFen, reason);
  },
  claimRedemption: (_root, { paymentId }, { money }) => money.claim(paymentId),
  decideRedemption: (_root, { redemptionId, version, approve, idempotencyKey, reason }, { money }) => {
    versionRead(version);
    return money.decideRedemption(redemptionId, version, approve, idempotencyKey, reason);
  },
  moveOrder: (_root, { orderId, version, to, reason }, { orders }) => {
    versionRead(version);
    return orders.move(orderId, version, to, reason);
  },
};
