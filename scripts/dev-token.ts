/**
 * `pnpm dev-token [--role ROLE] [--sub ID] [--enterprise ID] [--platforms ID,ID] [--scope "a b"] [--ttl 8h]`
 * prints a development bearer token signed with the dev JWT secret (see .data/dev-secrets.json,
 * or JWT_SECRET). Production tokens come from the province's identity provider (JWT_JWKS_URL).
 */
import { parseArgs } from 'node:util';
import { Role } from '@gzequip/kit';
import { SignJWT } from 'jose';
import { devSecrets, JWT_AUDIENCE, JWT_ISSUER } from './lib/devEnvironment.ts';

const { values } = parseArgs({
  options: {
    role: { type: 'string', default: Role.ENTERPRISE_USER },
    sub: { type: 'string', default: 'dev-user' },
    enterprise: { type: 'string' },
    platforms: { type: 'string', default: '' },
    scope: { type: 'string', default: '' },
    ttl: { type: 'string', default: '8h' },
  },
});

const role = values.role.toUpperCase();
if (!(role in Role)) {
  console.error(`--role must be one of ${Object.values(Role).join(', ')}`);
  process.exit(2);
}

const token = await new SignJWT({
  role,
  ...(values.enterprise ? { enterpriseId: values.enterprise } : {}),
  platformIds: values.platforms.split(',').filter(Boolean),
  scope: values.scope,
})
  .setProtectedHeader({ alg: 'HS256' })
  .setSubject(values.sub)
  .setIssuer(JWT_ISSUER)
  .setAudience(JWT_AUDIENCE)
  .setIssuedAt()
  .setExpirationTime(values.ttl)
  .sign(new TextEncoder().encode(devSecrets().JWT_SECRET));

console.log(token);
