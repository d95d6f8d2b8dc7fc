/**
 * The load: CONNECTIONS clients, each sending the next request as soon as its answer is in, for
 * SECONDS, over keep-alive connections (undici). Run in a process of its own so that it does not
 * share an event loop with what it measures. Prints one JSON line: requests, errors, requests per
 * second, p50/p95/p99 in milliseconds.
 */
import { Pool } from 'undici';
import { percentile } from '../benchReport.ts';

const url = new URL(process.env.TARGET_URL as string);
const connections = Number(process.env.CONNECTIONS);
const seconds = Number(process.env.SECONDS);
const body = process.env.BODY as string;

const pool = new Pool(url.origin, { connections, pipelining: 1 });
const latencies: number[] = [];
let errors = 0;
let firstError: string | undefined;
const began = performance.now();
const until = began + seconds * 1000;

async function client(): Promise<void> {
  while (performance.now() < until) {
    const sent = performance.now();
    try {
      const response = await pool.request({
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const text = await response.body.text();
      latencies.push(performance.now() - sent);
      // A 200 with errors is a failure too: the answer must be whole.
      if (response.statusCode !== 200 || text.includes('"errors"')) {
        errors += 1;
        firstError ??= `${response.statusCode} ${text.slice(0, 300)}`;
      }
    } catch (error) {
      errors += 1;
      firstError ??= String(error);
      latencies.push(performance.now() - sent);
    }
  }
}

await Promise.all(Array.from({ length: connections }, client));
const elapsed = (performance.now() - began) / 1000;
await pool.close();
console.log(
  JSON.stringify({
    requests: latencies.length,
    errors,
    firstError,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
  }),
);
