/**
 * One request must never take the graph down: the operations an attacker would send are refused
 * at the gateway, with the limit and the value, before any subgraph is called — and meanwhile
 * the federation keeps answering everyone else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeTestGateways,
  metric,
  proxy,
  type RawResponse,
  SHOWCASE,
  type Started,
  send,
  showcaseRows,
  subgraphCalls,
  testGateway,
} from '../../support/edge.ts';
import { countStatements, statementsIn, subgraphUrl, token } from '../../support/federation.ts';

/** `assessments → platform → assessments → platform …` `levels` deep under `assessments(first: 50)`. */
function cycle(levels: number): string {
  const fields = Array.from({ length: levels }, (_, i) => (i % 2 === 0 ? 'platform' : 'assessments'));
  let inner = fields.at(-1) === 'platform' ? 'name' : 'year';
  for (const field of fields.reverse()) inner = `${field} { ${inner} }`;
  return `{ assessments(first: 50) { edges { node { ${inner} } } } }`;
}

const aliasBomb = `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: instruments(first: 500) { edges { node { id name } } }`).join(' ')} }`;
const twoMegabytes = JSON.stringify({ query: SHOWCASE, variables: { padding: 'x'.repeat(2 * 1024 * 1024) } });

interface Attack {
  name: string;
  body: string | object;
  status: number;
  code: string;
  limit: string;
  max?: number;
  actual?: number;
}

const ATTACKS: Attack[] = [
  {
    name: 'the depth-20 cycle',
    body: { query: cycle(20) },
    status: 400,
    code: 'OPERATION_LIMIT_EXCEEDED',
    limit: 'depth',
    max: 12,
    actual: 24,
  },
  {
    name: 'a 200-alias page bomb',
    body: { query: aliasBomb },
    status: 400,
    code: 'OPERATION_LIMIT_EXCEEDED',
    limit: 'aliases',
    max: 30,
    actual: 200,
  },
  {
    name: 'a 10,000-item page',
    body: { query: '{ instruments(first: 10000) { edges { node { id } } } }' },
    status: 400,
    code: 'OPERATION_LIMIT_EXCEEDED',
    limit: 'pageSize',
    max: 500,
    actual: 10000,
  },
  {
    name: 'a page over the cap nested under another list',
    body: { query: '{ enterprises(first: 1) { edges { node { instruments(first: 9999) { totalCount } } } } }' },
    status: 400,
    code: 'OPERATION_LIMIT_EXCEEDED',
    limit: 'pageSize',
    max: 500,
    actual: 9999,
  },
  {
    name: 'a page size passed in a variable',
    body: { query: 'query ($n: Int!) { platforms(first: $n) { totalCount } }', variables: { n: 501 } },
    status: 400,
    code: 'OPERATION_LIMIT_EXCEEDED',
    limit: 'pageSize',
    max: 500,
    actual: 501,
  },
  {
    name: 'a 2 MB body',
    body: twoMegabytes,
    status: 413,
    code: 'BAD_REQUEST',
    limit: 'requestBytes',
    max: 1024 * 1024,
  },
  {
    name: 'too many root fields',
    body: { query: `{ ${Array.from({ length: 21 }, (_, i) => `r${i}: regions { code }`).join(' ')} }` },
    status: 400,
    code: 'OPERATION_LIMIT_EXCEEDED',
    limit: 'rootFields',
    max: 20,
    actual: 21,
  },
  {
    name: 'a directive flood',
    body: { query: `{ regions { ${'... on Region @include(if: true) { code } '.repeat(60)} } }` },
    status: 400,
    code: 'OPERATION_LIMIT_EXCEEDED',
    limit: 'directives',
    max: 50,
  },
  {
    name: 'a document over the token limit',
    body: { query: `{ regions { ${'code '.repeat(6000)} } }` },
    status: 400,
    code: 'OPERATION_LIMIT_EXCEEDED',
    limit: 'tokens',
    max: 5000,
  },
  {
    name: 'a cycle within the depth limit but over the public cost budget',
    body: { query: cycle(7) },
    status: 400,
    code: 'OPERATION_LIMIT_EXCEEDED',
    limit: 'cost',
    max: 10000,
  },
];

describe('operation limits at the gateway', () => {
  let started: Started;
  beforeAll(async () => {
    started = await testGateway();
  });
  afterAll(closeTestGateways);

  it.each(ATTACKS)('refuses $name with $code ($limit), and calls no subgraph', async (attack) => {
    const callsBefore = await subgraphCalls(started.gateway);
    let response: RawResponse | undefined;
    const statements = await countStatements(async () => {
      response = await send(started.gateway.url, attack.body);
    });
    expect(response?.status).toBe(attack.status);
    const error = response?.json.errors?.[0];
    expect(error?.extensions).toMatchObject({
      code: attack.code,
      limit: attack.limit,
      ...(attack.max !== undefined ? { max: attack.max } : {}),
      ...(attack.actual !== undefined ? { actual: attack.actual } : {}),
    });
    expect(error?.extensions?.actual).toBeGreaterThan(error?.extensions?.max as number);
    // The status is the response's; Apollo's internal `http` extension never reaches the client.
    expect(error?.extensions).not.toHaveProperty('http');
    expect(error?.message).toMatch(/limit|budget|at most/);
    expect(response?.json.data ?? null).toBeNull();
    expect(await subgraphCalls(started.gateway)).toBe(callsBefore);
    expect(statements).toEqual(statementsIn());
  });

  it("gives larger budgets to roles that need them: the partner's cycle runs, the public's is refused", async () => {
    const query = { query: cycle(5) };
    const asPublic = await send(started.gateway.url, query);
    expect(asPublic.json.errors?.[0]?.extensions).toMatchObject({ limit: 'cost', max: 10000 });
    const asPartner = await send(started.gateway.url, query, {
      authorization: `Bearer ${await token({ role: 'PARTNER' })}`,
    });
    expect(asPartner.status).toBe(200);
    expect(asPartner.json.errors).toBeUndefined();
  });

  it('answers the showcase query in under a second while attacks are being refused', async () => {
    const url = started.gateway.url;
    let stop = false;
    const attackers = Array.from({ length: 8 }, async (_, i) => {
      let refused = 0;
      while (!stop) {
        const attack = ATTACKS[i % ATTACKS.length] as Attack;
        const response = await send(url, attack.body);
        expect(response.status).toBe(attack.status);
        refused += 1;
      }
      return refused;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const timings: number[] = [];
    for (let i = 0; i < 5; i++) {
      const began = performance.now();
      const response = await send(url, { query: SHOWCASE });
      timings.push(performance.now() - began);
      expect(response.json.errors).toBeUndefined();
      expect(showcaseRows(response)).toHaveLength(50);
    }
    stop = true;
    const refused = (await Promise.all(attackers)).reduce((sum, count) => sum + count, 0);
    expect(refused).toBeGreaterThan(20);
    expect(Math.max(...timings)).toBeLessThan(1000);
    expect(await metric(started.gateway, 'gateway_rejected_operations_total', { limit: 'depth' })).toBeGreaterThan(0);
  });
});

describe('heavy operations', () => {
  afterAll(closeTestGateways);

  it('run a few at a time; light ones pass them by; one that waits too long gets 503 and Retry-After', async () => {
    const slow = await proxy(await subgraphUrl('instruments'), 800);
    try {
      const { gateway } = await testGateway(
        { heavyOperations: { cost: 500, concurrency: 1, waitMs: 1200 } },
        { instruments: slow.url },
      );
      const heavy = { query: '{ instruments(first: 500) { edges { node { id owner { name } } } } }' };
      const light = { query: '{ regions { code name } }' };
      const began = performance.now();
      const heavies = [send(gateway.url, heavy), send(gateway.url, heavy), send(gateway.url, heavy)];
      await new Promise((resolve) => setTimeout(resolve, 100));
      const lightAnswer = await send(gateway.url, light);
      const lightMs = performance.now() - began;
      expect(lightAnswer.json.data?.regions).toHaveLength(10);
      // Well under one heavy operation's 800 ms: the light one did not queue behind it.
      expect(lightMs).toBeLessThan(700);

      // One runs at a time, each holding the lane 800 ms and a little: the second gets its turn
      // within its 1,200 ms of waiting, the third (at least 1,600 ms away) does not. The margins
      // of 400 ms either way keep this true on a loaded machine.
      const answers = await Promise.all(heavies);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 503]);
      expect(answers.filter((answer) => answer.status === 200).every((answer) => !answer.json.errors)).toBe(true);
      const busy = answers.find((answer) => answer.status === 503);
      expect(busy?.headers.get('retry-after')).toBe('5');
      expect(busy?.json.errors?.[0]?.extensions?.code).toBe('SERVER_BUSY');
      expect(slow.recorded).toHaveLength(2);
    } finally {
      await slow.close();
    }
  });
});
