import { Role } from '@gzequip/kit';
import { describe, expect, it } from 'vitest';
import { database, subgraphQuery } from '../support/federation.ts';

const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
  __typename
  ... on Instrument { id name owner { id } platform { id } }
  ... on Enterprise { id }
} }`;

async function entities(subgraph: string, selection: string, representations: object[], claims = undefined) {
  const result = await subgraphQuery<{ _entities: Record<string, unknown>[] }>(
    subgraph,
    `query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename ${selection} } }`,
    { representations },
    claims ? { claims } : {},
  );
  expect(result.errors).toBeUndefined();
  return result.data?._entities ?? [];
}

async function firstRow<T>(subgraph: string, table: string, where: Record<string, unknown> = {}): Promise<T> {
  return (await (await database(subgraph)).table(table).where(where).orderBy('id').first()) as T;
}

describe('every @key resolves through _entities', () => {
  it('instruments: Instrument by id, and the Enterprise and Platform fields it adds', async () => {
    const row = await firstRow<{ id: string; name: string; owner_id: string; platform_id: string }>(
      'instruments',
      'instrument',
      { sharing_mode: 'EXTERNAL' },
    );
    const [instrument, missing] = await entities('instruments', '... on Instrument { id name owner { id } }', [
      { __typename: 'Instrument', id: row.id },
      { __typename: 'Instrument', id: 'no-such-instrument' },
    ]);
    expect(instrument).toEqual({ __typename: 'Instrument', id: row.id, name: row.name, owner: { id: row.owner_id } });
    expect(missing).toBeNull();

    const [owner, platform] = await entities(
      'instruments',
      '... on Enterprise { id instruments(first: 500) { totalCount } } ... on Platform { id instruments(first: 500) { edges { node { id } } } }',
      [
        { __typename: 'Enterprise', id: row.owner_id },
        { __typename: 'Platform', id: row.platform_id },
      ],
    );
    expect(owner).toMatchObject({ __typename: 'Enterprise', id: row.owner_id });
    expect((owner.instruments as { totalCount: number }).totalCount).toBeGreaterThan(0);
    const hosted = (platform.instruments as { edges: { node: { id: string } }[] }).edges.map((e) => e.node.id);
    expect(hosted).toContain(row.id);
  });

  it('enterprises: Enterprise by id and by creditCode, Region by code', async () => {
    const row = await firstRow<{ id: string; name: string; credit_code: string }>('enterprises', 'enterprise');
    const [byId, byCode, badCode, region] = await entities(
      'enterprises',
      '... on Enterprise { id creditCode name } ... on Region { code name parent { code } }',
      [
        { __typename: 'Enterprise', id: row.id },
        { __typename: 'Enterprise', creditCode: row.credit_code },
        { __typename: 'Enterprise', creditCode: 'not-a-code' },
        { __typename: 'Region', code: 'GUIAN' },
      ],
    );
    const expected = { __typename: 'Enterprise', id: row.id, creditCode: row.credit_code, name: row.name };
    expect(byId).toEqual(expected);
    expect(byCode).toEqual(expected);
    expect(badCode).toBeNull();
    expect(region).toEqual({ __typename: 'Region', code: 'GUIAN', name: '贵安新区', parent: { code: '520100' } });
  });

  it("platforms: Platform by id, and the Enterprise's platforms", async () => {
    const row = await firstRow<{ id: string; name: string; operator_id: string }>('platforms', 'platform');
    const [platform, operator] = await entities(
      'platforms',
      '... on Platform { id name capabilities { name } } ... on Enterprise { platforms { edges { node { id } } } }',
      [
        { __typename: 'Platform', id: row.id },
        { __typename: 'Enterprise', id: row.operator_id },
      ],
    );
    expect(platform).toMatchObject({ __typename: 'Platform', id: row.id, name: row.name });
    expect((platform.capabilities as unknown[]).length).toBeGreaterThan(0);
    expect((operator.platforms as { edges: { node: { id: string } }[] }).edges.map((e) => e.node.id)).toContain(row.id);
  });

  it("assessments: Assessment by id, and the Platform's assessments", async () => {
    const row = await firstRow<{ id: string; platform_id: string; year: number }>('assessments', 'assessment');
    const [assessment, platform] = await entities(
      'assessments',
      '... on Assessment { id year platform { id } } ... on Platform { assessments { id } latestAssessment { year } }',
      [
        { __typename: 'Assessment', id: row.id },
        { __typename: 'Platform', id: row.platform_id },
      ],
    );
    expect(assessment).toEqual({
      __typename: 'Assessment',
      id: row.id,
      year: row.year,
      platform: { id: row.platform_id },
    });
    expect((platform.assessments as { id: string }[]).map((a) => a.id)).toContain(row.id);
    expect((platform.latestAssessment as { year: number }).year).toBeGreaterThanOrEqual(row.year);
  });

  it('applies access rules in __resolveReference: an unshared instrument is null to others', async () => {
    const hidden = await firstRow<{ id: string; owner_id: string }>('instruments', 'instrument', {
      sharing_mode: 'NOT_SHARED',
    });
    const representations = [{ __typename: 'Instrument', id: hidden.id }];
    const asPublic = await subgraphQuery<{ _entities: unknown[] }>('instruments', ENTITIES, { representations });
    expect(asPublic.data?._entities).toEqual([null]);

    const owner = {
      userId: 'u1',
      role: Role.ENTERPRISE_USER,
      enterpriseId: hidden.owner_id,
      platformIds: [],
      scopes: [],
    };
    const asOwner = await subgraphQuery<{ _entities: { id: string }[] }>(
      'instruments',
      ENTITIES,
      { representations },
      { claims: owner },
    );
    expect(asOwner.data?._entities[0]?.id).toBe(hidden.id);

    const stranger = { ...owner, enterpriseId: 'ent-someone-else' };
    const asStranger = await subgraphQuery('instruments', ENTITIES, { representations }, { claims: stranger });
    expect(asStranger.data?._entities).toEqual([null]);
  });
});
