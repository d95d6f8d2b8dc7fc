import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { type Claims, PUBLIC_CLAIMS, Role, signIdentity, verifyIdentity } from '../src/identity.ts';

const SECRET = 's'.repeat(40);
const operator: Claims = {
  userId: 'u-7',
  role: Role.PLATFORM_OPERATOR,
  enterpriseId: 'ent-012',
  platformIds: ['plt-03', 'plt-04'],
  scopes: ['inquiries:write'],
};

describe('the identity header between gateway and subgraphs', () => {
  it('carries the claims unchanged', async () => {
    expect(await verifyIdentity(await signIdentity(operator, SECRET), SECRET)).toEqual(operator);
    expect(await verifyIdentity(await signIdentity(PUBLIC_CLAIMS, SECRET), SECRET)).toEqual(PUBLIC_CLAIMS);
  });

  it('is refused when missing, signed with another secret, or expired', async () => {
    await expect(verifyIdentity(undefined, SECRET)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
    await expect(verifyIdentity(await signIdentity(operator, 'o'.repeat(40)), SECRET)).rejects.toThrow(/invalid/);
    const stale = await new SignJWT({ role: 'ADMIN' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('gzequip-gateway')
      .setAudience('gzequip-subgraphs')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 5)
      .sign(new TextEncoder().encode(SECRET));
    await expect(verifyIdentity(stale, SECRET)).rejects.toThrow(/invalid or expired/);
  });

  it('refuses a short secret outright', async () => {
    await expect(signIdentity(operator, 'short')).rejects.toThrow(/at least 32 characters/);
  });
});
