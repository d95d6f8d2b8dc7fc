/**
 * The portal's build, made when its sources are newer than it: `pnpm start` serves built assets,
 * and a fresh clone (or an edit to the portal) builds them first, in well under a second.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './cli.ts';

export const portalRoot = join(repoRoot, 'portal');
export const portalDist = join(portalRoot, 'dist');

/** The newest modification time of the files a build reads. */
function newestSource(): number {
  let newest = 0;
  const walk = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) walk(join(path, entry));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const source of ['src', 'index.html', 'vite.config.ts', 'package.json']) walk(join(portalRoot, source));
  return newest;
}

export function portalBuildIsStale(): boolean {
  const built = join(portalDist, 'index.html');
  return !existsSync(built) || statSync(built).mtimeMs < newestSource();
}

/** Builds the portal if its sources changed since the last build; true when it built. */
export async function buildPortalIfStale(): Promise<boolean> {
  if (!portalBuildIsStale()) return false;
  const { build } = await import('vite');
  await build({ configFile: join(portalRoot, 'vite.config.ts'), logLevel: 'warn' });
  return true;
}
