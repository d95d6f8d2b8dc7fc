/**
 * A SIMULATED payment provider, for development and tests only: it sends the callbacks a real
 * provider would, signed the same way, and can also send the bad ones a provider never should
 * (unsigned, tampered, stale) to prove they are refused. Nothing in the servers starts it: the
 * tests do, and `pnpm pay:simulate` for a person trying the flow by hand.
 */
import { randomUUID } from 'node:crypto';
import { CALLBACK_PATH } from './callbackRoute.ts';
import { SIGNATURE_HEADER, signCallback, TOLERANCE_SECONDS } from './signature.ts';

export interface SimulatedEvent {
  eventId?: string;
  paymentId: string;
  amountFen: number;
  outcome?: 'SUCCEEDED' | 'FAILED';
}

export type Delivery = 'signed' | 'unsigned' | 'tampered' | 'stale';

export class SimulatedPaymentProvider {
  /** `baseUrl`: the platforms subgraph's server (http://host:port), `secret`: the shared one. */
  constructor(
    private readonly baseUrl: string,
    private readonly secret: string,
  ) {}

  /** Sends one callback, as a provider would (or as an attacker would, by `delivery`). */
  async deliver(event: SimulatedEvent, delivery: Delivery = 'signed'): Promise<{ status: number; body: unknown }> {
    const body = JSON.stringify({
      eventId: event.eventId ?? `evt-${randomUUID()}`,
      paymentId: event.paymentId,
      outcome: event.outcome ?? 'SUCCEEDED',
      amountFen: event.amountFen,
    });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (delivery !== 'unsigned') {
      const at = delivery === 'stale' ? Date.now() - (TOLERANCE_SECONDS + 60) * 1000 : Date.now();
      headers[SIGNATURE_HEADER] = signCallback(this.secret, body, at);
    }
    // Tampered: the amount changed after signing.
    const sent = delivery === 'tampered' ? body.replace(/"amountFen":\d+/, '"amountFen":1') : body;
    const response = await fetch(new URL(CALLBACK_PATH, this.baseUrl), { method: 'POST', headers, body: sent });
    return { status: response.status, body: await response.json() };
  }
}
