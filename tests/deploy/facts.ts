/**
 * What the deployment artefacts are checked against: the subgraphs found by their folders, their
 * ports from the supergraph config, the gateway, the portal (its port the default its server
 * reads), and the settings each service's code actually reads.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { subgraphFolders } from '../../scripts/lib/subgraphFolders.ts';

export const repoRoot = new URL('../../', import.meta.url).pathname;
export const deployDir = join(repoRoot, 'deploy');

export function readRepoFile(path: string): string {
  return readFileSync(join(repoRoot, path), 'utf8');
}

export interface Service {
  name: string;
  port: number;
  /** `@gzequip/<name>` */
  packageName: string;
}

/** Every subgraph folder, with its default port (from schema/supergraph.config.json). */
export function subgraphs(): Service[] {
  const config = JSON.parse(readRepoFile('schema/supergraph.config.json')) as {
    subgraphs: Record<string, { url: string }>;
  };
  return subgraphFolders(repoRoot).map((name) => {
    const url = config.subgraphs[name]?.url;
    if (!url) throw new Error(`schema/supergraph.config.json has no URL for the ${name} subgraph`);
    const { name: packageName } = JSON.parse(readRepoFile(`subgraphs/${name}/package.json`)) as { name: string };
    return { name, port: Number(new URL(url).port), packageName };
  });
}

export const gateway: Service = { name: 'gateway', port: 4000, packageName: '@gzequip/gateway' };

/** The portal, on the port its server listens on unless PORTAL_PORT says otherwise. */
export function portal(): Service {
  const port = /process\.env\.PORTAL_PORT \|\| (\d+)/.exec(readRepoFile('portal/server/main.ts'))?.[1];
  if (!port) throw new Error('portal/server/main.ts: no default for PORTAL_PORT found');
  return { name: 'portal', port: Number(port), packageName: '@gzequip/portal' };
}

/** Every service that has an image: the gateway, the portal and the subgraphs. */
export function services(): Service[] {
  return [gateway, portal(), ...subgraphs()];
}

/** A service's package folder. */
export function packageFolder(service: string): string {
  return service === 'gateway' || service === 'portal' ? service : `subgraphs/${service}`;
}

/** The setting a service's port is read from: PORT for the gateway, <NAME>_PORT for the others. */
export function portVariable(service: string): string {
  return service === 'gateway' ? 'PORT' : `${service.toUpperCase()}_PORT`;
}

/** What a package's `start` script runs (`exec` dropped: the image's CMD is PID 1 itself). */
export function startCommand(service: string): string[] {
  const { scripts } = JSON.parse(readRepoFile(`${packageFolder(service)}/package.json`)) as {
    scripts?: { start?: string };
  };
  if (!scripts?.start) throw new Error(`${packageFolder(service)}/package.json has no start script`);
  return scripts.start.replace(/^exec\s+/, '').split(/\s+/);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(repoRoot, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * The names a service's code reads from its environment: `env.NAME`, and names written as string
 * literals (`requireSecret('JWT_SECRET', env)`, `integer(env, 'PORT', 4000)`, and the suffixes
 * the kit puts after a subgraph's name: `envName(name, 'DATABASE_URL')`).
 */
export function settingsRead(service: string): Set<string> {
  // The portal's src/ is the browser's; what runs in its image is server/.
  const dirs = ['subgraphs/kit/src', service === 'portal' ? 'portal/server' : `${packageFolder(service)}/src`];
  const names = new Set<string>();
  for (const file of dirs.flatMap(sourceFiles)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\benv\??\.([A-Z][A-Z0-9_]+)\b/g)) names.add(match[1] as string);
    for (const match of text.matchAll(/['"`]([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{4,})['"`]/g)) {
      names.add(match[1] as string);
    }
  }
  return names;
}

/**
 * The settings given to a service that its code does not read (a typo, or a setting since
 * renamed), each with the reason. A subgraph's `<NAME>_...` settings must name that subgraph; the
 * gateway's `<NAME>_URL`, a subgraph folder.
 */
export function unreadSettings(service: string, given: Iterable<string>): string[] {
  const read = settingsRead(service);
  const names = subgraphs().map((subgraph) => subgraph.name);
  const problems: string[] = [];
  for (const name of given) {
    if (read.has(name)) continue;
    const prefixed = /^([A-Z][A-Z0-9]*)_(.+)$/.exec(name);
    const prefix = prefixed?.[1]?.toLowerCase();
    const suffix = prefixed?.[2];
    if (service === 'gateway' && suffix === 'URL') {
      if (!names.includes(prefix as string)) problems.push(`${name}: names no subgraph folder (${names.join(', ')})`);
      continue;
    }
    if (service !== 'gateway' && prefix === service && suffix && read.has(suffix)) continue;
    problems.push(`${name}: the ${service} code reads no such setting`);
  }
  return problems;
}

/** `registry/name:tag` → its parts; the tag is undefined when there is none. */
export function imageReference(image: string): { name: string; tag: string | undefined; digest: string | undefined } {
  const [withoutDigest, digest] = image.split('@') as [string, string | undefined];
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  if (colon > slash) return { name: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1), digest };
  return { name: withoutDigest, tag: undefined, digest };
}

/** A tag that names one release (`20.20.2-bookworm-slim`, `16.13-bookworm`, `1.0.0`), not a moving one. */
export function isPinnedTag(tag: string | undefined): boolean {
  return tag !== undefined && /^v?\d+\.\d+(\.\d+)?([-.][\w.-]+)?$/.test(tag);
}

/** The pnpm version package.json pins (`packageManager`). */
export function pinnedPnpm(): string {
  const { packageManager } = JSON.parse(readRepoFile('package.json')) as { packageManager: string };
  return packageManager.replace(/^pnpm@/, '');
}
