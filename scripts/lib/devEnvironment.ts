/** What `pnpm start`, `pnpm dev-token` and the benchmarks share about the local development set-up. */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { assessments } from '@gzequip/assessments';
import { enterprises } from '@gzequip/enterprises';
import { DEFAULT_JWT_AUDIENCE, DEFAULT_JWT_ISSUER } from '@gzequip/gateway';
import { instruments } from '@gzequip/instruments';
import type { SubgraphDefinition } from '@gzequip/kit';
import { planning } from '@gzequip/planning';
import { platforms } from '@gzequip/platforms';
import { quality } from '@gzequip/quality';
import { repoRoot } from './cli.ts';

export { repoRoot };

/** Everything a development run keeps on disk (`DATA_DIR`, default .data); `pnpm db:reset` clears it. */
export const dataRoot = process.env.DATA_DIR || `${repoRoot}.data`;
export const embeddedDataDir = process.env.PGLITE_DATA_DIR || `${dataRoot}/pglite`;

/** The subgraphs, in the order they are started. */
export const subgraphs: SubgraphDefinition[] = [enterprises, platforms, instruments, assessments, planning, quality];

export const JWT_ISSUER = process.env.JWT_ISSUER || DEFAULT_JWT_ISSUER;
export const JWT_AUDIENCE = process.env.JWT_AUDIENCE || DEFAULT_JWT_AUDIENCE;

export interface DevSecrets {
  JWT_SECRET: string;
  SUBGRAPH_SIGNING_SECRET: string;
  /** What the payment provider signs its callbacks with (`pnpm pay:simulate` reads it too). */
  PAYMENT_CALLBACK_SECRET: string;
}

/**
 * Secrets for a development run: those in the environment, else ones generated once per
 * checkout into .data/dev-secrets.json (never committed), so tokens from `pnpm dev-token` keep
 * working across restarts. Production sets them in the environment.
 */
export function devSecrets(): DevSecrets {
  const file = `${dataRoot}/dev-secrets.json`;
  let stored: Partial<DevSecrets> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<DevSecrets>;
  const secrets: DevSecrets = {
    JWT_SECRET: process.env.JWT_SECRET || stored.JWT_SECRET || randomBytes(32).toString('base64url'),
    SUBGRAPH_SIGNING_SECRET:
      process.env.SUBGRAPH_SIGNING_SECRET || stored.SUBGRAPH_SIGNING_SECRET || randomBytes(32).toString('base64url'),
    PAYMENT_CALLBACK_SECRET:
      process.env.PAYMENT_CALLBACK_SECRET || stored.PAYMENT_CALLBACK_SECRET || randomBytes(32).toString('base64url'),
  };
  if (!stored.JWT_SECRET || !stored.SUBGRAPH_SIGNING_SECRET || !stored.PAYMENT_CALLBACK_SECRET) {
    mkdirSync(dataRoot, { recursive: true });
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  }
  return secrets;
}
