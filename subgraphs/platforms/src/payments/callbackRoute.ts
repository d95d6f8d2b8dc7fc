/**
 * `POST /payments/callback` on the platforms subgraph's own server: the payment provider's
 * confirmations. It lives here, not on the gateway, because the orders, payments and ledger it
 * writes are this subgraph's, and a callback is not a GraphQL request: the gateway would only
 * pass it through. In production an ingress routes the provider's calls to this path.
 *
 * Refused and logged: no secret configured (503), no or a malformed signature (401), a body that
 * does not match its signature (401), a signature older than the tolerance (401: a replay of an old
 * delivery), a body that is not an event (400). A delivery repeated is answered 200 with
 * `duplicate: true` and books nothing: the provider may stop retrying, and money moves once.
 */
import { rawBody, type SubgraphRoutes } from '@gzequip/kit';
import type { GraphQLError } from 'graphql';
import { type PaymentEvent, PaymentModel } from '../models/payment.ts';
import { SIGNATURE_HEADER, verifyCallback } from './signature.ts';

export const CALLBACK_PATH = '/payments/callback';

function eventOf(body: Buffer): PaymentEvent {
  const event = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  const { eventId, paymentId, outcome, amountFen } = event;
  if (
    typeof eventId !== 'string' ||
    eventId.length < 1 ||
    eventId.length > 200 ||
    typeof paymentId !== 'string' ||
    (outcome !== 'SUCCEEDED' && outcome !== 'FAILED') ||
    !Number.isSafeInteger(amountFen)
  ) {
    throw new Error('expected { eventId, paymentId, outcome: SUCCEEDED | FAILED, amountFen: integer fen }');
  }
  return { eventId, paymentId, outcome, amountFen: amountFen as number };
}

export const paymentRoutes: SubgraphRoutes = (app, { db, logger, env }) => {
  const payments = new PaymentModel(db);
  app.post(CALLBACK_PATH, rawBody(16 * 1024), async (req, res) => {
    const secret = env.PAYMENT_CALLBACK_SECRET;
    const refuse = (status: number, reason: string, details: Record<string, unknown> = {}) => {
      logger.warn({ reason, remoteAddress: req.socket.remoteAddress, ...details }, 'payment callback refused');
      res.status(status).json({ error: reason });
    };
    if (!secret) {
      logger.error('payment callback: PAYMENT_CALLBACK_SECRET is not set');
      res.status(503).json({ error: 'payments are not configured' });
      return;
    }
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const verdict = verifyCallback(secret, req.header(SIGNATURE_HEADER), body);
    if (!verdict.ok) {
      refuse(401, `signature ${verdict.reason}`);
      return;
    }
    let event: PaymentEvent;
    try {
      event = eventOf(body);
    } catch (error) {
      refuse(400, (error as Error).message);
      return;
    }
    try {
      const { duplicate, payment } = await payments.confirm(event);
      if (duplicate)
        logger.warn({ eventId: event.eventId, paymentId: payment.id }, 'payment callback repeated: nothing booked');
      else
        logger.info(
          { eventId: event.eventId, paymentId: payment.id, status: payment.status },
          'payment callback booked',
        );
      res.json({ received: true, duplicate, status: payment.status });
    } catch (error) {
      const code = (error as GraphQLError).extensions?.code;
      if (code === 'NOT_FOUND' || code === 'BAD_USER_INPUT') {
        refuse(code === 'NOT_FOUND' ? 404 : 400, (error as Error).message, { eventId: event.eventId });
        return;
      }
      logger.error({ err: error, eventId: event.eventId }, 'payment callback failed');
      res.status(500).json({ error: 'internal error: the provider should deliver it again' });
    }
  });
};
