/**
 * `pnpm dev-token [--role ROLE] [--sub ID] [--enterprise ID] [--platforms ID,ID] [--scope "a b"] [--ttl 8h]`
 * prints a development bearer token signed with the dev JWT secret (see .data/dev-secrets.json,
 * or JWT_SECRET). Production tokens come from the province's identity provider (JWT_JWKS_URL).
 */
import { Role } from '@gzequip/kit';
import { parseCommandLine, pnpmCommand, stop } from './lib/cli.ts';
import { dataRoot } from './lib/devEnvironment.ts';
import { mintDevToken } from './lib/devToken.ts';

const { values } = parseCommandLine(
  `Usage: ${pnpmCommand()} dev-token [options]

Prints a development bearer token, signed with the secret of this checkout's data folder
(${dataRoot}/dev-secrets.json, or JWT_SECRET): it is good for the ${pnpmCommand()} start that uses the same
folder (DATA_DIR). Send it as "Authorization: Bearer <token>".

Options:
  --role R          ${Object.values(Role).join(', ')} (default ENTERPRISE_USER)
  --sub ID          the user id (default dev-user)
  --enterprise ID   the enterprise the user acts for (e.g. ent-012)
  --platforms IDS   platforms an operator runs, comma-separated (e.g. plt-01,plt-02)
  --scope "A B"     scopes, space-separated
  --ttl T           lifetime, e.g. 30m, 8h (default 8h)`,
  {
    role: { type: 'string', default: Role.ENTERPRISE_USER },
    sub: { type: 'string', default: 'dev-user' },
    enterprise: { type: 'string' },
    platforms: { type: 'string', default: '' },
    scope: { type: 'string', default: '' },
    ttl: { type: 'string', default: '8h' },
  },
);

const role = String(values.role).toUpperCase();
if (!(role in Role)) stop(`--role must be one of ${Object.values(Role).join(', ')}`, 2);

const token = await mintDevToken(
  {
    role,
    sub: String(values.sub),
    ...(values.enterprise ? { enterpriseId: String(values.enterprise) } : {}),
    platformIds: String(values.platforms).split(',').filter(Boolean),
    scope: String(values.scope),
  },
  String(values.ttl),
);

console.log(token);
