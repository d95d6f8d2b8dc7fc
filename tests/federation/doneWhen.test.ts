import { describe, expect, it } from 'vitest';
import { database, gatewayQuery } from '../support/federation.ts';

const QUERY = `{ instruments(first: 50) { edges { node { name owner { name creditCode } platform { name latestAssessment { year grade } } } } } }`;

interface Row {
  name: string;
  owner: { name: string; creditCode: string } | null;
  platform: { name: string; latestAssessment: { year: number; grade: string } | null } | null;
}

describe('the issue query through the gateway', () => {
  it('joins instruments, their owners, platforms and latest grades from four databases', async () => {
    const result = await gatewayQuery<{ instruments: { edges: { node: Row }[] } }>(QUERY);
    expect(result.errors).toBeUndefined();
    const rows = result.data?.instruments.edges.map((edge) => edge.node) ?? [];
    expect(rows).toHaveLength(50);

    // Each joined value is what the owning subgraph's own database holds.
    const instruments = await (await database('instruments'))
      .table<{ id: string; name: string; owner_id: string; platform_id: string | null }>('instrument')
      .whereNot('sharing_mode', 'NOT_SHARED')
      .orderBy('id')
      .limit(50);
    const enterprises = await (await database('enterprises')).table<{ id: string; name: string; credit_code: string }>(
      'enterprise',
    );
    const platforms = await (await database('platforms')).table<{ id: string; name: string }>('platform');
    const assessments = await (await database('assessments'))
      .table<{ platform_id: string; year: number; grade: string }>('assessment')
      .orderBy('year', 'desc');
    rows.forEach((row, i) => {
      const instrument = instruments?.[i];
      const owner = enterprises?.find((e) => e.id === instrument?.owner_id);
      expect(row.name).toBe(instrument?.name);
      expect(row.owner).toEqual({ name: owner?.name, creditCode: owner?.credit_code });
      if (!instrument?.platform_id) {
        expect(row.platform).toBeNull();
        return;
      }
      const latest = assessments?.find((a) => a.platform_id === instrument.platform_id);
      expect(row.platform).toEqual({
        name: platforms?.find((p) => p.id === instrument.platform_id)?.name,
        latestAssessment: latest ? { year: latest.year, grade: latest.grade } : null,
      });
    });
    expect(rows.some((row) => row.platform?.latestAssessment?.year === 2025)).toBe(true);
  });
});
