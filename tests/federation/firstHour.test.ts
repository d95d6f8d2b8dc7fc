/**
 * What a newcomer meets in the answers themselves: a token minted for another data folder says
 * so (in development), and a field hidden from anonymous callers says why it is null.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeTestGateways, send, testGateway } from '../support/edge.ts';
import { gatewayQuery, token } from '../support/federation.ts';

describe('a token signed with another secret', () => {
  afterAll(closeTestGateways);

  it('is refused with a hint about dev-token in development, and plainly in production', async () => {
    const foreign = await token({ role: 'ADMIN' }, { secret: 'the-secret-of-another-data-folder-0123456789' });
    const development = await gatewayQuery('{ regions { code } }', {}, { bearer: foreign });
    expect(development.status).toBe(401);
    expect(development.errors?.[0]?.message).toMatch(
      /signed with another secret: dev-token signs with the secret of the data folder/,
    );

    const { gateway } = await testGateway({ production: true, introspection: false, graphiql: false });
    const production = await send(
      gateway.url,
      { query: '{ regions { code } }' },
      { authorization: `Bearer ${foreign}` },
    );
    expect(production.status).toBe(401);
    expect(production.json.errors?.[0]?.message).toBe(
      'The bearer token is not valid; sign in again or send no token for public access',
    );
  });
});

describe('a field only signed-in callers see', () => {
  const QUERY = '{ enterprises(first: 2) { edges { node { name contactName contactPhone } } } }';

  it('comes back null to the public with a notice saying why', async () => {
    const anonymous = await gatewayQuery<{ enterprises: { edges: { node: { contactPhone: string | null } }[] } }>(
      QUERY,
    );
    expect(anonymous.data?.enterprises.edges[0]?.node.contactPhone).toBeNull();
    const response = await fetch((await testGateway()).gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    });
    const body = (await response.json()) as { extensions?: { notices?: string[] } };
    expect(body.extensions?.notices).toEqual([
      'Enterprise.contactName, Enterprise.contactPhone are shown to signed-in callers only, and null here: send "Authorization: Bearer <token>"',
    ]);
  });

  it('says nothing to a signed-in caller, or when no such field is asked for', async () => {
    const { gateway } = await testGateway();
    const signedIn = await send(
      gateway.url,
      { query: QUERY },
      { authorization: `Bearer ${await token({ role: 'PARTNER' })}` },
    );
    expect(signedIn.json).not.toHaveProperty('extensions');
    const other = await send(gateway.url, { query: '{ enterprises(first: 2) { edges { node { name } } } }' });
    expect(other.json).not.toHaveProperty('extensions');
  });
});
