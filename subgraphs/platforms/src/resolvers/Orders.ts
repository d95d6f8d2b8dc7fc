import { notFound } from '@gzequip/kit';
import type {
  OrderResolvers,
  PaymentResolvers,
  QuoteResolvers,
  RedemptionResolvers,
  VoucherResolvers,
  VoucherSchemeResolvers,
  VoucherStatsRowResolvers,
} from '../__generated__/resolvers-types.ts';

export const Quote: QuoteResolvers = {
  // Through the same rule as `quote(id)`: anyone not a party gets null, _entities included.
  __resolveReference: ({ id }, { orders }) => orders.quoteById.load(id),
  thread: ({ threadId }, _args, { threads }) => threads.byId.load(threadId),
  platform: ({ platformId }, _args, { platforms }) => platforms.existing(platformId),
  enterprise: ({ enterpriseId }) => ({ id: enterpriseId }),
  service: ({ serviceId }, _args, { offers }) => (serviceId ? offers.serviceById.load(serviceId) : null),
  booking: ({ bookingId }) => (bookingId ? { id: bookingId } : null),
  order: ({ id }, _args, { orders }) => orders.orderOfQuote.load(id),
};

export const Order: OrderResolvers = {
  __resolveReference: ({ id }, { orders }) => orders.orderById.load(id),
  quote: async ({ quoteId }, _args, { orders }) => {
    const quote = await orders.quoteById.load(quoteId);
    if (!quote) throw notFound('Quote', quoteId);
    return quote;
  },
  platform: ({ platformId }, _args, { platforms }) => platforms.existing(platformId),
  enterprise: ({ enterpriseId }) => ({ id: enterpriseId }),
  payments: ({ id }, _args, { money }) => money.paymentsOfOrder.load(id),
};

export const Payment: PaymentResolvers = {
  voucher: ({ voucherId }, _args, { money }) => (voucherId ? money.voucherById.load(voucherId) : null),
  redemption: ({ id }, _args, { money }) => money.redemptionOfPayment.load(id),
  order: async ({ orderId }, _args, { orders }) => {
    const order = await orders.orderById.load(orderId);
    if (!order) throw notFound('Order', orderId);
    return order;
  },
};

export const Redemption: RedemptionResolvers = {
  // A claim is its platform's and the department's: both are parties to the order it was paid on.
  payment: async ({ paymentId }, _args, { money }) => {
    const payment = await money.paymentById.load(paymentId);
    if (!payment) throw notFound('Payment', paymentId);
    return payment;
  },
};

export const Voucher: VoucherResolvers = {
  __resolveReference: ({ id }, { money }) => money.voucherById.load(id),
  enterprise: ({ enterpriseId }) => ({ id: enterpriseId }),
  balanceFen: ({ id }, _args, { money }) => money.voucherBalance.load(id),
};

export const VoucherScheme: VoucherSchemeResolvers = {
  vouchersGranted: async ({ year }, _args, { money }) => (await money.grantsOfYear.load(year)).vouchers,
  grantedFen: async ({ year }, _args, { money }) => (await money.grantsOfYear.load(year)).grantedFen,
};

export const VoucherStatsRow: VoucherStatsRowResolvers = {
  platform: ({ platformId }, _args, { platforms }) => (platformId ? platforms.byId.load(platformId) : null),
  region: ({ regionCode }) => (regionCode ? { code: regionCode } : null),
};
