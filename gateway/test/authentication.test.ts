import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PUBLIC_CLAIMS } from '@gzequip/kit';
import { type CryptoKey, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../src/authentication.ts';

const issuer = 'https://id.example.gov.cn';
const audience = 'gzequip-graph';

describe('tokens verified against an identity provider (JWKS)', () => {
  let jwks: Server;
  let privateKey: CryptoKey;
  let authenticate: ReturnType<typeof createAuthenticator>;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;
    authenticate = createAuthenticator({ jwksUrl: `http://127.0.0.1:${port}/jwks.json`, issuer, audience });
  });

  afterAll(() => new Promise<void>((resolve) => jwks.close(() => resolve())));

  const sign = (payload: Record<string, unknown>, key: CryptoKey = privateKey, aud = audience) =>
    new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('user-42')
      .setIssuer(issuer)
      .setAudience(aud)
      .setExpirationTime('5m')
      .sign(key);

  it("turns the provider's token into claims", async () => {
    const token = await sign({ role: 'PLATFORM_OPERATOR', enterpriseId: 'ent-040', platformIds: ['plt-07'] });
    expect(await authenticate(`Bearer ${token}`)).toEqual({
      userId: 'user-42',
      role: 'PLATFORM_OPERATOR',
      enterpriseId: 'ent-040',
      platformIds: ['plt-07'],
      scopes: [],
    });
  });

  it('treats a missing token as public and refuses every bad one', async () => {
    expect(await authenticate(undefined)).toEqual(PUBLIC_CLAIMS);
    const stranger = (await generateKeyPair('RS256')).privateKey;
    const refused = [
      'Basic dXNlcjpwYXNz',
      `Bearer ${await sign({ role: 'ADMIN' }, stranger)}`,
      `Bearer ${await sign({ role: 'ADMIN' }, privateKey, 'another-api')}`,
      `Bearer ${await sign({ role: 'ADMIN', platformIds: 'plt-01' })}`,
    ];
    for (const header of refused) {
      await expect(authenticate(header)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    }
  });
});
