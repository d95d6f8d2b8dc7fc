import { IDENTITY_HEADER, PUBLIC_CLAIMS, Role, signIdentity } from '@gzequip/kit';
import { describe, expect, it } from 'vitest';
import { subgraphs } from '../../scripts/lib/devEnvironment.ts';
import {
  database,
  federation,
  gatewayQuery,
  instrumentRow,
  SIGNING_SECRET,
  subgraphQuery,
  token,
} from '../support/federation.ts';

const HIDDEN_INSTRUMENT = `query ($id: ID!) { instrument(id: $id) { id contactPhone } }`;

function hiddenInstrument() {
  return instrumentRow<{ id: string; owner_id: string; contact_phone: string }>({ sharing_mode: 'NOT_SHARED' });
}

describe('nobody can skip the gateway', () => {
  for (const { name: subgraph } of subgraphs) {
    it(`${subgraph} refuses a request without the gateway's signature`, async () => {
      const result = await subgraphQuery(subgraph, '{ __typename }', {}, { identity: null });
      expect(result.status).toBe(401);
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(result.data ?? null).toBeNull();
    });
  }

  it('refuses a header signed with another secret, or one that has been tampered with', async () => {
    const typename = JSON.stringify({ query: '{ __typename }', variables: {} });
    const forged = signIdentity({ ...PUBLIC_CLAIMS, role: Role.ADMIN }, 'x'.repeat(40), typename);
    const forgedResult = await subgraphQuery('instruments', '{ __typename }', {}, { identity: forged });
    expect(forgedResult.status).toBe(401);
    expect(forgedResult.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const genuine = signIdentity(PUBLIC_CLAIMS, SIGNING_SECRET, typename);
    const [header, , signature] = genuine.split('.');
    const adminPayload = Buffer.from(JSON.stringify({ role: 'ADMIN' })).toString('base64url');
    const tampered = await subgraphQuery(
      'instruments',
      '{ __typename }',
      {},
      {
        identity: `${header}.${adminPayload}.${signature}`,
      },
    );
    expect(tampered.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("passes the caller's claims: the gateway forwards no client header of its own", async () => {
    const { gateway } = await federation();
    // A client forging the identity header at the gateway gains nothing: it is not forwarded.
    const body = JSON.stringify({ query: HIDDEN_INSTRUMENT, variables: { id: (await hiddenInstrument()).id } });
    const forged = signIdentity({ ...PUBLIC_CLAIMS, role: Role.ADMIN }, 'x'.repeat(40), body);
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: forged },
      body,
    });
    const answer = (await response.json()) as { data: { instrument: unknown } };
    expect(answer.data.instrument).toBeNull();
  });
});

describe('the gateway authenticates callers', () => {
  it('answers 401 UNAUTHENTICATED to a bad, expired or foreign token instead of treating it as public', async () => {
    const cases = [
      'not-a-jwt',
      await token({ role: 'ADMIN' }, { secret: 'another-secret-0123456789abcdefghijklmnop' }),
      await token({ role: 'ADMIN' }, { expiresIn: '-1m' }),
      await token({ role: 'SUPERUSER' }),
    ];
    for (const bearer of cases) {
      const result = await gatewayQuery('{ regions { code } }', {}, { bearer });
      expect(result.status).toBe(401);
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(result.data ?? null).toBeNull();
    }
  });

  it('shows an unshared instrument only to its owner and administrators', async () => {
    const hidden = await hiddenInstrument();
    const ask = async (bearer?: string) =>
      (
        await gatewayQuery<{ instrument: { id: string; contactPhone: string | null } | null }>(
          HIDDEN_INSTRUMENT,
          { id: hidden.id },
          bearer ? { bearer } : {},
        )
      ).data?.instrument;

    expect(await ask()).toBeNull();
    expect(await ask(await token({ role: 'ENTERPRISE_USER', enterpriseId: 'ent-000' }))).toBeNull();
    expect(await ask(await token({ role: 'ENTERPRISE_USER', enterpriseId: hidden.owner_id }))).toEqual({
      id: hidden.id,
      contactPhone: hidden.contact_phone,
    });
    expect((await ask(await token({ role: 'ADMIN' })))?.id).toBe(hidden.id);

    const listed = await gatewayQuery<{ instruments: { edges: { node: { id: string } }[] } }>(
      '{ instruments(first: 500) { edges { node { id } } } }',
    );
    expect(listed.data?.instruments.edges.map((e) => e.node.id)).not.toContain(hidden.id);
  });

  it('hides contact details from the public', async () => {
    const query = '{ enterprises(first: 1) { edges { node { contactName contactPhone } } } }';
    const publicView = await gatewayQuery<{ enterprises: { edges: { node: Record<string, unknown> }[] } }>(query);
    expect(publicView.data?.enterprises.edges[0]?.node).toEqual({ contactName: null, contactPhone: null });
    const signedIn = await gatewayQuery<{ enterprises: { edges: { node: Record<string, unknown> }[] } }>(
      query,
      {},
      { bearer: await token({ role: 'PARTNER' }) },
    );
    expect(signedIn.data?.enterprises.edges[0]?.node.contactPhone).toEqual(expect.any(String));
  });

  it('shows indicator scores to assessors and to the platform operator only', async () => {
    const row = (await (await database('assessments')).table('assessment').orderBy('id').first()) as {
      id: string;
      platform_id: string;
    };
    const query = `query ($id: ID!) { assessment(id: $id) { total scores { indicator { code weight } score } } }`;
    const scoresAs = async (bearer?: string) =>
      (
        await gatewayQuery<{
          assessment: { total: number; scores: { indicator: { weight: number }; score: number }[] | null };
        }>(query, { id: row.id }, bearer ? { bearer } : {})
      ).data?.assessment;

    expect((await scoresAs())?.scores).toBeNull();
    expect((await scoresAs(await token({ role: 'PLATFORM_OPERATOR', platformIds: ['plt-other'] })))?.scores).toBeNull();
    const assessor = await scoresAs(await token({ role: 'ASSESSOR' }));
    const operator = await scoresAs(await token({ role: 'PLATFORM_OPERATOR', platformIds: [row.platform_id] }));
    expect(operator).toEqual(assessor);
    // The total is the weighted sum of the scores, with weights kept as data.
    const weighted = (assessor?.scores ?? []).reduce((sum, s) => sum + (s.score * s.indicator.weight) / 100, 0);
    expect(assessor?.scores).toHaveLength(3);
    expect(assessor?.total).toBeCloseTo(weighted, 1);
  });
});
