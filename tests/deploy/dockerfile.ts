/**
 * deploy/Dockerfile read as BuildKit reads it, without BuildKit: its stages, what each runs, and
 * the image configuration a target ends up with (ENV, USER, WORKDIR, EXPOSE, HEALTHCHECK and CMD
 * inherited along the chain of stages it is built FROM). dockerfile-ast, the parser of the
 * Docker language server, reads the file.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Ignore } from '@balena/dockerignore';
import { type Copy, DockerfileParser, type Env } from 'dockerfile-ast';
import { deployDir } from './facts.ts';

export const dockerfilePath = join(deployDir, 'Dockerfile');

export interface Step {
  keyword: string;
  /** The arguments, continuation lines joined, without the instruction's flags for HEALTHCHECK. */
  args: string;
  /** `--from=...` of a COPY. */
  from?: string;
  /** ENV's pairs. */
  env?: [string, string][];
  line: number;
}

export interface Stage {
  name: string;
  /** An image (`node:20.20.2-bookworm-slim`), or the name of an earlier stage. */
  base: string;
  steps: Step[];
}

export interface ImageConfig {
  env: Record<string, string>;
  user: string | undefined;
  workdir: string | undefined;
  expose: string[];
  healthcheck: string | undefined;
  cmd: string | undefined;
  /** Every stage from the external image to the target, in build order. */
  chain: Stage[];
}

export function readDockerfile(path = dockerfilePath): { text: string; stages: Stage[] } {
  const text = readFileSync(path, 'utf8');
  const stages: Stage[] = [];
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    const keyword = instruction.getKeyword();
    const args = instruction.getArgumentsContent() ?? '';
    const line = instruction.getRange().start.line + 1;
    if (keyword === 'FROM') {
      const [base, as, name] = args.split(/\s+/).filter((word) => !word.startsWith('--'));
      stages.push({
        name: as?.toUpperCase() === 'AS' && name ? name : String(stages.length),
        base: base ?? '',
        steps: [],
      });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`deploy/Dockerfile:${line}: ${keyword} before any FROM`);
    const step: Step = { keyword, args, line };
    if (keyword === 'COPY') {
      const from = (instruction as Copy).getFromFlag()?.getValue();
      if (from) step.from = from;
    }
    if (keyword === 'ENV') {
      step.env = (instruction as Env).getProperties().map((p) => [p.getName(), p.getValue() ?? '']);
    }
    stage.steps.push(step);
  }
  return { text, stages };
}

/** What an image built with `--target NAME` is configured with. */
export function imageConfig(stages: Stage[], target: string): ImageConfig {
  const chain: Stage[] = [];
  for (let stage = stages.find((s) => s.name === target); stage; stage = stages.find((s) => s.name === stage?.base)) {
    chain.unshift(stage);
    if (chain.length > stages.length) throw new Error('a cycle of stages');
  }
  if (chain.length === 0) throw new Error(`no stage ${target}`);
  const config: ImageConfig = {
    env: {},
    user: undefined,
    workdir: undefined,
    expose: [],
    healthcheck: undefined,
    cmd: undefined,
    chain,
  };
  for (const step of chain.flatMap((stage) => stage.steps)) {
    if (step.keyword === 'ENV') Object.assign(config.env, Object.fromEntries(step.env ?? []));
    if (step.keyword === 'USER') config.user = step.args;
    if (step.keyword === 'WORKDIR') config.workdir = step.args;
    if (step.keyword === 'EXPOSE') config.expose.push(...step.args.split(/\s+/));
    if (step.keyword === 'HEALTHCHECK') config.healthcheck = step.args;
    if (step.keyword === 'CMD') config.cmd = step.args;
  }
  return config;
}

/** `["node", "--import", "tsx"]` → its words; undefined for the shell form. */
export function execForm(args: string | undefined): string[] | undefined {
  if (!args?.trim().startsWith('[')) return undefined;
  try {
    const words = JSON.parse(args) as unknown;
    return Array.isArray(words) && words.every((word) => typeof word === 'string') ? words : undefined;
  } catch {
    return undefined;
  }
}

/** A RUN's commands, split at `&&`. */
export function commandsOf(step: Step): string[] {
  return step.args
    .split('&&')
    .map((command) => command.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/**
 * deploy/Dockerfile.dockerignore as BuildKit applies it (@balena/dockerignore follows Docker's
 * rules: the last matching pattern wins, `!` admits again). It is CommonJS with a default export
 * only in its types, hence the require.
 */
export function buildContextFilter(): Ignore {
  const dockerignore = createRequire(import.meta.url)('@balena/dockerignore') as () => Ignore;
  return dockerignore().add(readFileSync(join(deployDir, 'Dockerfile.dockerignore'), 'utf8').split('\n'));
}
