/**
 * Probes. `GET /health` (liveness): the process answers. `GET /ready` (readiness): which
 * subgraphs are ready (their own `/ready`: database answers, not shutting down); 200 while at least one is, since the gateway serves what the others
 * have, and 503 when none is or while it drains for shutdown, so a load balancer sends traffic
 * elsewhere. Subgraph checks are cached for a second so that probes cannot flood the subgraphs.
 */
import type { Drain } from '@gzequip/kit/edge';
import type express from 'express';

const CHECK_TIMEOUT_MS = 2_000;
const CACHE_MS = 1_000;

type SubgraphState = 'ok' | 'unavailable';

async function check(graphqlUrl: string): Promise<SubgraphState> {
  try {
    const response = await fetch(new URL('/ready', graphqlUrl), { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
    await response.body?.cancel();
    return response.ok ? 'ok' : 'unavailable';
  } catch {
    return 'unavailable';
  }
}

export class Readiness {
  private last: { at: number; states: Promise<Record<string, SubgraphState>> } | undefined;

  constructor(
    private readonly subgraphUrls: ReadonlyMap<string, string>,
    private readonly drain: Drain,
  ) {}

  private subgraphStates(): Promise<Record<string, SubgraphState>> {
    if (this.last && Date.now() - this.last.at < CACHE_MS) return this.last.states;
    const names = [...this.subgraphUrls.keys()];
    const states = Promise.all(names.map((name) => check(this.subgraphUrls.get(name) as string))).then((results) =>
      Object.fromEntries(names.map((name, i) => [name, results[i] as SubgraphState])),
    );
    this.last = { at: Date.now(), states };
    return states;
  }

  readonly health: express.RequestHandler = (_req, res) => {
    res.json({ status: this.drain.draining ? 'draining' : 'ok' });
  };

  readonly ready: express.RequestHandler = async (_req, res) => {
    const subgraphs = await this.subgraphStates();
    const reachable = Object.values(subgraphs).filter((state) => state === 'ok').length;
    const total = Object.keys(subgraphs).length;
    const status = this.drain.draining
      ? 'draining'
      : reachable === total
        ? 'ready'
        : reachable > 0
          ? 'degraded'
          : 'unavailable';
    res.status(status === 'ready' || status === 'degraded' ? 200 : 503).json({ status, subgraphs });
  };
}
