import { startGateway } from '@gzequip/gateway';
import { describe, expect, it } from 'vitest';
import { database, federation, gatewayConfig, gatewayQuery } from '../support/federation.ts';

describe('bad input gets a clear error naming the field', () => {
  it('rejects a credit code whose check character is wrong', async () => {
    const { credit_code: valid } = (await (await database('enterprises')).table('enterprise').first()) as {
      credit_code: string;
    };
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const result = await gatewayQuery('query ($code: String!) { enterpriseByCreditCode(creditCode: $code) { id } }', {
      code: wrongCheck,
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'creditCode' });
    expect(result.errors?.[0]?.message).toMatch(/check character is '.' but should be '.'/);

    const found = await gatewayQuery<{ enterpriseByCreditCode: { id: string } }>(
      'query ($code: String!) { enterpriseByCreditCode(creditCode: $code) { id } }',
      { code: valid.toLowerCase() },
    );
    expect(found.data?.enterpriseByCreditCode.id).toEqual(expect.any(String));
  });

  it.each([
    ['AB', /must be 18 characters/],
    ['91520100MA6DKXYZ0O', /contains 'Z'/],
  ])('rejects the malformed credit code %s', async (code, reason) => {
    const result = await gatewayQuery('query ($code: String!) { enterpriseByCreditCode(creditCode: $code) { id } }', {
      code,
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'creditCode' });
    expect(result.errors?.[0]?.message).toMatch(reason);
  });

  it.each([
    ['{ instruments(first: 0) { totalCount } }', 'first'],
    ['{ platforms(after: "bm90LWEtY3Vyc29y") { totalCount } }', 'after'],
    ['{ assessments(filter: { year: 1900 }) { totalCount } }', 'filter.year'],
    [`{ instruments(filter: { nameContains: "${'仪'.repeat(101)}" }) { totalCount } }`, 'filter.nameContains'],
  ])('rejects %s naming %s', async (query, field) => {
    const result = await gatewayQuery(query);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('when a subgraph is down', () => {
  it('still answers with what the others have, and leaks no subgraph address', async () => {
    const { subgraphs } = await federation();
    const gateway = await startGateway(gatewayConfig(subgraphs, { enterprises: 'http://127.0.0.1:9/graphql' }));
    try {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ instruments(first: 3) { edges { node { name owner { name } } } } }' }),
      });
      const body = (await response.json()) as {
        data: { instruments: { edges: { node: { name: string; owner: unknown } }[] } };
        errors: unknown[];
      };
      expect(body.data.instruments.edges).toHaveLength(3);
      expect(body.data.instruments.edges.every((e) => e.node.name && e.node.owner === null)).toBe(true);
      expect(body.errors.length).toBeGreaterThan(0);
      expect(JSON.stringify(body.errors)).not.toMatch(/127\.0\.0\.1|:9\/|serviceName|stacktrace/);
    } finally {
      await gateway.close();
    }
  });
});

describe('pagination', () => {
  it('walks every instrument exactly once, page by page, with a consistent total', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let pages = 0; pages < 100; pages++) {
      const result: Awaited<
        ReturnType<
          typeof gatewayQuery<{
            instruments: {
              totalCount: number;
              edges: { node: { id: string } }[];
              pageInfo: { hasNextPage: boolean; endCursor: string | null };
            };
          }>
        >
      > = await gatewayQuery(
        'query ($after: String) { instruments(first: 37, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      const page = result.data?.instruments;
      if (!page) throw new Error(JSON.stringify(result.errors));
      total = page.totalCount;
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(total).toBeGreaterThanOrEqual(120);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });
});
