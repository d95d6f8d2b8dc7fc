import { describe, expect, it } from 'vitest';
import { database, gatewayQuery } from '../support/federation.ts';

type Edges<T> = { edges: { node: T }[]; totalCount: number };

describe('list filters', () => {
  it('narrows instruments by industry and region, and counts what it narrowed to', async () => {
    const result = await gatewayQuery<{
      instruments: Edges<{ industries: string[]; region: { code: string } }>;
    }>(
      '{ instruments(first: 500, filter: { industry: POWER_EQUIPMENT, regionCode: "520100" }) { totalCount edges { node { industries region { code } } } } }',
    );
    const rows = result.data?.instruments.edges.map((e) => e.node) ?? [];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBe(result.data?.instruments.totalCount);
    for (const row of rows) {
      expect(row.industries).toContain('POWER_EQUIPMENT');
      expect(row.region.code).toBe('520100');
    }
    const expected = await (await database('instruments'))
      .table('instrument')
      .whereRaw("'POWER_EQUIPMENT' = any(industries)")
      .where({ region_code: '520100' })
      .whereNot({ sharing_mode: 'NOT_SHARED' });
    expect(rows).toHaveLength(expected.length);
  });

  it('matches names by substring in Chinese or English, taking % and _ literally', async () => {
    const chinese = await gatewayQuery<{ instruments: Edges<{ name: string }> }>(
      '{ instruments(first: 500, filter: { nameContains: "显微镜" }) { totalCount edges { node { name } } } }',
    );
    expect(chinese.data?.instruments.totalCount).toBeGreaterThan(0);
    for (const { node } of chinese.data?.instruments.edges ?? []) expect(node.name).toContain('显微镜');

    const english = await gatewayQuery<{ enterprises: Edges<{ nameEn: string }> }>(
      '{ enterprises(first: 500, filter: { nameContains: "university" }) { totalCount edges { node { nameEn } } } }',
    );
    expect(english.data?.enterprises.totalCount).toBeGreaterThan(0);
    for (const { node } of english.data?.enterprises.edges ?? [])
      expect(node.nameEn.toLowerCase()).toContain('university');

    const wildcard = await gatewayQuery<{ enterprises: Edges<unknown> }>(
      '{ enterprises(filter: { nameContains: "%" }) { totalCount } }',
    );
    expect(wildcard.data?.enterprises.totalCount).toBe(0);
  });

  it('finds platforms by capability and by operator', async () => {
    const byCapability = await gatewayQuery<{ platforms: Edges<{ capabilities: { name: string }[] }> }>(
      '{ platforms(first: 500, filter: { capabilityContains: "无损检测" }) { totalCount edges { node { capabilities { name } } } } }',
    );
    const platforms = byCapability.data?.platforms.edges ?? [];
    expect(platforms.length).toBeGreaterThan(0);
    for (const { node } of platforms) expect(node.capabilities.map((c) => c.name).join()).toContain('无损检测');

    const { operator_id } = (await (await database('platforms')).table('platform').orderBy('id').first()) as {
      operator_id: string;
    };
    const byOperator = await gatewayQuery<{ platforms: Edges<{ operator: { id: string; name: string } }> }>(
      `{ platforms(filter: { operatorId: "${operator_id}" }) { totalCount edges { node { operator { id name } } } } }`,
    );
    expect(byOperator.data?.platforms.totalCount).toBeGreaterThan(0);
    for (const { node } of byOperator.data?.platforms.edges ?? []) expect(node.operator.id).toBe(operator_id);
  });

  it('lists assessments of a year and grade', async () => {
    const result = await gatewayQuery<{ assessments: Edges<{ year: number; grade: string; total: number }> }>(
      '{ assessments(first: 500, filter: { year: 2025, grade: EXCELLENT }) { totalCount edges { node { year grade total } } } }',
    );
    const rows = result.data?.assessments.edges.map((e) => e.node) ?? [];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatchObject({ year: 2025, grade: 'EXCELLENT', total: expect.any(Number) });
    expect(Math.min(...rows.map((r) => r.total))).toBeGreaterThanOrEqual(90);
  });
});
