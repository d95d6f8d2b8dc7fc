/**
 * deploy/Dockerfile without a container engine: the Docker language server's validator
 * (dockerfile-utils) finds no problem, rules in the spirit of hadolint hold, every service (the
 * gateway, the portal, each subgraph) has its target configured as the deployment expects, and
 * the build context (its .dockerignore) admits what the build copies and nothing of a local run.
 */
import { readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { validate } from 'dockerfile-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildContextFilter, commandsOf, execForm, imageConfig, readDockerfile, type Stage } from './dockerfile.ts';
import {
  services as allServices,
  imageReference,
  isPinnedTag,
  packageFolder,
  pinnedPnpm,
  portVariable,
  readRepoFile,
  repoRoot,
  type Service,
  startCommand,
  subgraphs,
} from './facts.ts';

let text: string;
let stages: Stage[];
let services: Service[];

beforeAll(() => {
  ({ text, stages } = readDockerfile());
  services = allServices();
});

describe('deploy/Dockerfile: lint', () => {
  it('dockerfile-utils reports nothing, warnings included', () => {
    const diagnostics = validate(text).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
    expect(diagnostics).toEqual([]);
    // The validator itself: an unknown instruction and a bad HEALTHCHECK flag are reported.
    expect(validate(`${text}\nEXPOSES 4000\nHEALTHCHECK --intervals=5s CMD ["true"]\n`).length).toBeGreaterThanOrEqual(
      2,
    );
  });

  it('base images are pinned to a release of Node 20 on bookworm-slim, never latest', () => {
    const external = stages.filter((stage) => !stages.some((other) => other.name === stage.base));
    expect(external.length).toBeGreaterThan(0);
    for (const stage of external) {
      const { name, tag } = imageReference(stage.base);
      expect(name, stage.name).toBe('node');
      expect(isPinnedTag(tag), `${stage.name}: ${stage.base}`).toBe(true);
      expect(tag, stage.name).toMatch(/^20\.\d+\.\d+-bookworm-slim$/);
    }
    expect(text).not.toMatch(/:latest\b/);
  });

  it('RUN steps as hadolint asks: apt-get with -y and --no-install-recommends, no curl | sh, no cd, pinned npm installs; COPY, never ADD', () => {
    const problems: string[] = [];
    for (const stage of stages) {
      for (const step of stage.steps) {
        if (step.keyword === 'ADD') problems.push(`line ${step.line}: ADD (use COPY)`);
        if (step.keyword === 'MAINTAINER') problems.push(`line ${step.line}: MAINTAINER`);
        if (step.keyword !== 'RUN') continue;
        for (const command of commandsOf(step)) {
          if (/\bapt-get\s+install\b/.test(command) && !/--no-install-recommends/.test(command)) {
            problems.push(`line ${step.line}: apt-get install without --no-install-recommends`);
          }
          if (/\bapt-get\s+install\b/.test(command) && !/\s-y\b|--yes\b/.test(command)) {
            problems.push(`line ${step.line}: apt-get install without -y`);
          }
          if (/\bapt-get\s+(dist-)?upgrade\b/.test(command)) problems.push(`line ${step.line}: apt-get upgrade`);
          if (/\b(curl|wget)\b.*\|\s*(ba)?sh\b/.test(command))
            problems.push(`line ${step.line}: a script piped to a shell`);
          if (/^cd\s/.test(command)) problems.push(`line ${step.line}: cd (use WORKDIR)`);
          if (/^sudo\b/.test(command)) problems.push(`line ${step.line}: sudo`);
          const npmInstall = /^npm (install|i)\b(.*)$/.exec(command);
          for (const pkg of (npmInstall?.[2] ?? '').split(/\s+/).filter((word) => word && !word.startsWith('-'))) {
            if (!/@\d+\.\d+\.\d+$/.test(pkg)) problems.push(`line ${step.line}: npm install ${pkg} without a version`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('installs the pnpm package.json pins, and builds each package with pnpm deploy --prod from the lockfile alone', () => {
    const installs = stages.flatMap((stage) =>
      stage.steps.flatMap(commandsOf.bind(null)).filter((command) => command.startsWith('npm install')),
    );
    expect(installs).toEqual([`npm install --global pnpm@${pinnedPnpm()}`]);
    const build = stages.find((stage) => stage.name === 'build');
    const runs = build?.steps.filter((step) => step.keyword === 'RUN').flatMap(commandsOf);
    expect(runs).toContain('pnpm fetch --prod');
  });
});

describe('deploy/Dockerfile: one target per service', () => {
  it('every subgraph folder, the gateway and the portal have a target', () => {
    const missing = services.filter((service) => !stages.some((stage) => stage.name === service.name));
    expect(missing.map((service) => service.name)).toEqual([]);
  });

  it('each target is its package as pnpm deploy --prod lays it out, in /app', () => {
    for (const service of services) {
      const target = stages.find((stage) => stage.name === service.name) as Stage;
      const copies = target.steps.filter((step) => step.keyword === 'COPY');
      expect(
        copies.map((step) => [step.from, step.args]),
        service.name,
      ).toEqual([[`deploy-${service.name}`, '/out /app']]);
      const deploy = stages.find((stage) => stage.name === `deploy-${service.name}`);
      expect(deploy?.base).toBe('build');
      const [first] = (deploy?.steps ?? []).flatMap(commandsOf);
      expect(first, service.name).toBe(`pnpm --filter ${service.packageName} deploy --prod --offline /out`);
    }
  });

  it('each runs as a non-root user, in production, on all interfaces, on its port, exposed, its health checked with node', () => {
    for (const service of services) {
      const config = imageConfig(stages, service.name);
      const where = service.name;
      expect(config.chain[0]?.base, where).toMatch(/^node:/);
      // Numeric, so that Kubernetes can check runAsNonRoot; not root's 0.
      expect(config.user, where).toMatch(/^[1-9]\d*(:[1-9]\d*)?$/);
      expect(config.workdir, where).toBe('/app');
      expect(config.env, where).toMatchObject({
        NODE_ENV: 'production',
        HOST: '0.0.0.0',
        SERVICE: service.name,
        [portVariable(service.name)]: String(service.port),
      });
      expect(config.expose, where).toEqual([String(service.port)]);
      // What the package's own start script runs: its TypeScript through tsx.
      expect(execForm(config.cmd), where).toEqual(startCommand(service.name));
      expect(execForm(config.cmd)?.slice(0, 3), where).toEqual(['node', '--import', 'tsx']);
      const healthcheck = config.healthcheck?.replace(/^CMD\s+/, '');
      expect(config.healthcheck, where).toMatch(/^CMD\s+\[/);
      expect(execForm(healthcheck), where).toEqual(['node', '/usr/local/lib/gzequip/healthcheck.mjs']);
      const copiedHealthcheck = config.chain
        .flatMap((stage) => stage.steps)
        .find((step) => step.keyword === 'COPY' && step.args.endsWith(' /usr/local/lib/gzequip/healthcheck.mjs'));
      expect(copiedHealthcheck?.args, where).toBe('deploy/healthcheck.mjs /usr/local/lib/gzequip/healthcheck.mjs');
    }
  });

  it('the gateway serves the supergraph the build copies in', () => {
    expect(imageConfig(stages, 'gateway').env.SUPERGRAPH_PATH).toBe('/app/schema/supergraph.graphql');
    const deploy = stages.find((stage) => stage.name === 'deploy-gateway') as Stage;
    expect(deploy.steps.flatMap(commandsOf)).toContain('cp schema/supergraph.graphql /out/schema/supergraph.graphql');
    // The last stage is what `docker build` without --target builds.
    expect(stages.at(-1)?.name).toBe('gateway');
  });

  it('the portal serves the page built in the deploy stage: built with its development dependencies, which stay out of /out', () => {
    const deploy = stages.find((stage) => stage.name === 'deploy-portal') as Stage;
    const commands = deploy.steps.flatMap(commandsOf);
    // A second deploy with the development dependencies (vite, the browser libraries), beside
    // the package so that its tsconfig's `extends: ../tsconfig.base.json` is found, and built there.
    const buildDeploy = commands.find((command) => /^pnpm --filter @gzequip\/portal deploy (?!.*--prod)/.test(command));
    const folder = buildDeploy?.split(' ').at(-1) as string;
    expect(folder).toMatch(/^[a-z-]+$/);
    expect(commands.slice(1)).toEqual([buildDeploy, `pnpm --dir ${folder} build`, `cp -R ${folder}/dist /out/dist`]);
    expect(JSON.parse(readRepoFile('portal/package.json')).scripts.build).toBe('vite build');
    expect(JSON.parse(readRepoFile('portal/tsconfig.json')).extends).toBe('../tsconfig.base.json');
    // server/main.ts serves ../dist: /app/dist in the image.
    expect(readRepoFile('portal/server/main.ts')).toContain("new URL('../dist', import.meta.url)");
  });

  it("the portal's production dependencies are what its server imports; the browser's libraries are build-time ones", () => {
    const manifest = JSON.parse(readRepoFile('portal/package.json')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const importsOf = (folder: string) => {
      const names = new Set<string>();
      for (const entry of readdirSync(join(repoRoot, folder), { withFileTypes: true, recursive: true })) {
        if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
        const text = readRepoFile(join(entry.parentPath, entry.name).slice(repoRoot.length));
        for (const match of text.matchAll(/^(?:(?:import|export)\s[^'";]*?from\s+|import\s+)'([^'.][^']*)'/gm)) {
          const specifier = match[1] as string;
          if (specifier.startsWith('node:') || builtinModules.includes(specifier)) continue;
          if (/^import\s+type\s/.test(match[0])) continue; // erased: nothing to install
          names.add(
            specifier
              .split('/')
              .slice(0, specifier.startsWith('@') ? 2 : 1)
              .join('/'),
          );
        }
      }
      return names;
    };
    const server = importsOf('portal/server');
    expect(server.size).toBeGreaterThan(0);
    expect([...server].filter((name) => !(name in manifest.dependencies))).toEqual([]);
    const browser = importsOf('portal/src');
    expect(browser.has('preact')).toBe(true);
    expect([...browser].filter((name) => name in manifest.dependencies && !server.has(name))).toEqual([]);
    // And nothing but the server's imports and tsx, which runs it, is a production dependency.
    expect(Object.keys(manifest.dependencies).sort()).toEqual([...server, 'tsx'].sort());
  });

  it('tsx, which runs the services, is a production dependency of each service package and of the subgraph template', () => {
    const manifests = [...services.map((service) => packageFolder(service.name)), 'scripts/templates/subgraph'].map(
      (folder) => [folder, JSON.parse(readRepoFile(`${folder}/package.json`))] as const,
    );
    for (const [folder, manifest] of manifests) {
      expect(manifest.dependencies?.tsx, folder).toBeDefined();
      expect(manifest.devDependencies?.tsx, folder).toBeUndefined();
    }
  });
});

describe('deploy/Dockerfile.dockerignore: the build context', () => {
  const ignore = buildContextFilter;

  it("admits what the build copies: manifests, lockfile, sources, patches, the supergraph, the health check, the portal's page", () => {
    const context = ignore();
    const copied = stages
      .flatMap((stage) => stage.steps)
      .filter((step) => step.keyword === 'COPY' && !step.from)
      .flatMap((step) => step.args.split(/\s+/).slice(0, -1))
      .filter((source) => source !== '.');
    const needed = [
      ...copied,
      'package.json',
      'gateway/package.json',
      'gateway/src/main.ts',
      'subgraphs/kit/src/index.ts',
      ...subgraphs().flatMap(({ name }) => [
        `subgraphs/${name}/package.json`,
        `subgraphs/${name}/schema.graphql`,
        `subgraphs/${name}/src/main.ts`,
        `subgraphs/${name}/src/seed/demo-data.json`,
      ]),
      'schema/supergraph.graphql',
      'portal/package.json',
      'portal/server/main.ts',
      'portal/server/portalServer.ts',
      'portal/index.html',
      'portal/vite.config.ts',
      'portal/tsconfig.json',
      'tsconfig.base.json',
      'portal/src/main.tsx',
      'portal/src/styles.css',
      'portal/src/graphql/persisted-documents.json',
    ];
    expect(needed.filter((path) => context.ignores(path))).toEqual([]);
  });

  it('keeps out node_modules, the local data and its secrets, .env files, git, tests and scripts', () => {
    const context = ignore();
    const kept = [
      'node_modules/.pnpm/lock.yaml',
      'gateway/node_modules/express/index.js',
      '.data/dev-secrets.json',
      '.data/pglite/PG_VERSION',
      '.env',
      'deploy/.env',
      '.git/config',
      'tests/deploy/kubernetes.test.ts',
      'subgraphs/instruments/test/model.test.ts',
      'portal/test/portalServer.test.ts',
      'portal/node_modules/vite/package.json',
      // A local build: the image builds its own from the sources.
      'portal/dist/index.html',
      'portal/dist/assets/index-abc.js',
      'scripts/start.ts',
      'README.md',
    ];
    expect(kept.filter((path) => !context.ignores(path))).toEqual([]);
  });
});
