/**
 * How the payment provider signs a callback: `x-payment-signature: t=<unix seconds>,v1=<hex>`,
 * where v1 is HMAC-SHA256 over `<t>.<raw body>` with the shared secret. The timestamp is signed
 * with the body, so an old callback cannot be made fresh; one older than the tolerance is refused.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-payment-signature';
/** How old a callback may be (and how far ahead of this clock), in seconds. */
export const TOLERANCE_SECONDS = 300;

function mac(secret: string, timestamp: number, body: string | Buffer): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
}

/** The header a provider sends with `body` (the simulator and the tests sign with it). */
export function signCallback(secret: string, body: string, now = Date.now()): string {
  const timestamp = Math.floor(now / 1000);
  return `t=${timestamp},v1=${mac(secret, timestamp, body).toString('hex')}`;
}

export type Verdict = { ok: true } | { ok: false; reason: 'unsigned' | 'malformed' | 'tampered' | 'stale' };

/** Whether `header` signs exactly `body`, now; the reason when it does not. */
export function verifyCallback(secret: string, header: string | undefined, body: Buffer, now = Date.now()): Verdict {
  if (!header) return { ok: false, reason: 'unsigned' };
  const parts = Object.fromEntries(
    header.split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()];
    }),
  );
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(parts.v1 ?? '')) return { ok: false, reason: 'malformed' };
  const expected = mac(secret, timestamp, body);
  if (!timingSafeEqual(expected, Buffer.from(parts.v1 as string, 'hex'))) return { ok: false, reason: 'tampered' };
  if (Math.abs(now / 1000 - timestamp) > TOLERANCE_SECONDS) return { ok: false, reason: 'stale' };
  return { ok: true };
}
