import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  bodyDigest,
  type Claims,
  MemoryReplayStore,
  PUBLIC_CLAIMS,
  type ReplayStore,
  Role,
  signIdentity,
  verifyIdentity,
} from '../src/identity.ts';

const SECRET = 's'.repeat(40);
const BODY = JSON.stringify({ query: '{ instruments { totalCount } }', variables: {} });
const operator: Claims = {
  userId: 'u-7',
  role: Role.PLATFORM_OPERATOR,
  enterpriseId: 'ent-012',
  platformIds: ['plt-03', 'plt-04'],
  scopes: ['inquiries:write'],
};

const check = (body = BODY, replays: ReplayStore = new MemoryReplayStore()) => ({
  bodyDigest: bodyDigest(body),
  replays,
});

describe('the identity header between gateway and subgraphs', () => {
  it('carries the claims unchanged', async () => {
    expect(await verifyIdentity(signIdentity(operator, SECRET, BODY), SECRET, check())).toEqual(operator);
    expect(await verifyIdentity(signIdentity(PUBLIC_CLAIMS, SECRET, BODY), SECRET, check())).toEqual(PUBLIC_CLAIMS);
  });

  it('is refused when missing, signed with another secret, or expired', async () => {
    await expect(verifyIdentity(undefined, SECRET, check())).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
    await expect(verifyIdentity(signIdentity(operator, 'o'.repeat(40), BODY), SECRET, check())).rejects.toThrow(
      /invalid/,
    );
    const stale = await new SignJWT({ role: 'ADMIN', bodyDigest: bodyDigest(BODY) })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('gzequip-gateway')
      .setAudience('gzequip-subgraphs')
      .setJti('old')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 5)
      .sign(new TextEncoder().encode(SECRET));
    await expect(verifyIdentity(stale, SECRET, check())).rejects.toThrow(/invalid or expired/);
  });

  it('is good only for the body it was signed for', async () => {
    const header = signIdentity(operator, SECRET, BODY);
    const otherQuery = JSON.stringify({ query: '{ instruments(first: 500) { edges { node { contactPhone } } } }' });
    await expect(verifyIdentity(header, SECRET, check(otherQuery))).rejects.toThrow(/made for another request body/);
    // Even a byte of difference (whitespace) is another body.
    await expect(verifyIdentity(header, SECRET, check(`${BODY} `))).rejects.toThrow(/another request body/);
  });

  it('is good once: a second use is refused', async () => {
    const replays = new MemoryReplayStore();
    const header = signIdentity(operator, SECRET, BODY);
    expect(await verifyIdentity(header, SECRET, check(BODY, replays))).toEqual(operator);
    await expect(verifyIdentity(header, SECRET, check(BODY, replays))).rejects.toThrow(/already been used/);
    // Two headers for the same body are two uses, each allowed once.
    expect(await verifyIdentity(signIdentity(operator, SECRET, BODY), SECRET, check(BODY, replays))).toEqual(operator);
  });

  it('remembers an id for at least its lifetime, and forgets it after two', async () => {
    const replays = new MemoryReplayStore(50);
    expect(await replays.firstUse('a')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await replays.firstUse('b')).toBe(true);
    expect(await replays.firstUse('a')).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 110));
    expect(await replays.firstUse('a')).toBe(true);
  });

  it('refuses the request, as a source that cannot serve (503), when the replay store cannot tell', async () => {
    const broken: ReplayStore = { firstUse: () => Promise.reject(new Error('connection refused')) };
    const refusal = verifyIdentity(signIdentity(operator, SECRET, BODY), SECRET, check(BODY, broken));
    await expect(refusal).rejects.toMatchObject({
      message: expect.stringContaining('cannot check its replay store'),
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason: 'replay_store_unavailable', http: { status: 503 } },
    });
    // A header that fails for its own reasons is still refused as such, before the store is asked.
    await expect(verifyIdentity(signIdentity(operator, SECRET, BODY), SECRET, check('{}', broken))).rejects.toThrow(
      /another request body/,
    );
  });

  it('refuses a short secret outright', () => {
    expect(() => signIdentity(operator, 'short', BODY)).toThrow(/at least 32 characters/);
  });
});
