/**
 * Identical subgraph reads in flight share one call, but only among callers with the same
 * identity: an administrator's answer never reaches the public by this path. The response cache
 * is off here, so what is shared is the gateway → subgraph fetch, not the client's answer.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeTestGateways, proxy, send, testGateway } from '../../support/edge.ts';
import { subgraphUrl, token } from '../../support/federation.ts';

afterAll(closeTestGateways);

// Every instrument, the not-shared ones too for those who may see them: the answer depends on the caller.
const QUERY = { query: '{ instruments(first: 200) { totalCount edges { node { id } } } }' };

describe('identical subgraph reads in flight', () => {
  it('share one call among callers with the same identity, each getting the whole answer', async () => {
    // A source slow enough that all ten arrive while the first call is still running.
    const slow = await proxy(await subgraphUrl('instruments'), 300);
    try {
      const { gateway } = await testGateway({}, { instruments: slow.url });
      const answers = await Promise.all(Array.from({ length: 10 }, () => send(gateway.url, QUERY)));
      expect(answers.every((answer) => answer.status === 200 && !answer.json.errors)).toBe(true);
      expect(new Set(answers.map((answer) => answer.text)).size).toBe(1);
      expect(slow.recorded).toHaveLength(1);
    } finally {
      await slow.close();
    }
  });

  it('never share a call between callers with different identities', async () => {
    const slow = await proxy(await subgraphUrl('instruments'), 300);
    try {
      const { gateway } = await testGateway({}, { instruments: slow.url });
      const admin = { authorization: `Bearer ${await token({ role: 'ADMIN' })}` };
      const [asPublic, asAdmin, asPublicAgain] = await Promise.all([
        send(gateway.url, QUERY),
        send(gateway.url, QUERY, admin),
        send(gateway.url, QUERY),
      ]);
      const total = (answer: typeof asPublic) =>
        (answer.json.data?.instruments as { totalCount: number } | undefined)?.totalCount ?? Number.NaN;
      expect(total(asAdmin)).toBeGreaterThan(total(asPublic));
      expect(total(asPublicAgain)).toBe(total(asPublic));
      // One call for the public (shared by its two requests), one for the administrator.
      expect(slow.recorded).toHaveLength(2);
    } finally {
      await slow.close();
    }
  });

  it('are each sent when sharing is off (SUBGRAPH_DEDUPLICATION=false)', async () => {
    const slow = await proxy(await subgraphUrl('instruments'), 300);
    try {
      const { gateway } = await testGateway({ deduplicateSubgraphFetches: false }, { instruments: slow.url });
      await Promise.all(Array.from({ length: 5 }, () => send(gateway.url, QUERY)));
      expect(slow.recorded).toHaveLength(5);
    } finally {
      await slow.close();
    }
  });

  it('go on for the others when one caller goes away', async () => {
    const slow = await proxy(await subgraphUrl('instruments'), 800);
    try {
      const { gateway } = await testGateway({}, { instruments: slow.url });
      const leaving = new AbortController();
      const gone = fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(QUERY),
        signal: leaving.signal,
      }).catch((error: unknown) => error);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const staying = send(gateway.url, QUERY);
      setTimeout(() => leaving.abort(), 300);
      const answer = await staying;
      expect(await gone).toBeInstanceOf(Error);
      expect(answer.json.errors).toBeUndefined();
      const instruments = answer.json.data?.instruments as { edges: unknown[] } | undefined;
      expect(instruments?.edges.length).toBeGreaterThan(0);
      expect(slow.recorded).toHaveLength(1);
    } finally {
      await slow.close();
    }
  });
});
